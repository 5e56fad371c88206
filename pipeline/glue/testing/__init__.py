"""Test doubles of the Glue jobs' tests: a stand-in for awsglue/pyspark/delta, and sample ride events."""
