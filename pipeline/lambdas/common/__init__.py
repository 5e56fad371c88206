"""Code every Lambda function of the pipeline shares; packaged into each function's asset as `common/`."""
