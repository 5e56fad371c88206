"""Phase-1 practice tool: list, fill and browse the S3 data lake of one environment with boto3.

Run it from the repository root: ``python3 -m pipeline.lake_tool --help``.
"""
