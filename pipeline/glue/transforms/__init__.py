"""The Glue jobs' logic as pure Python (no Spark, no awsglue): tested here, shipped to Glue with
`--extra-py-files` (see pipeline/glue/package.py) and applied through Spark by the job scripts."""
