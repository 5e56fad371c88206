"""Values for every Variable the DAG reads: of another project and environment than the repository's,
so that no test depends on those."""

VARIABLES = {
    "LAUNCHPAD_ENVIRONMENT": "stage",
    "RAW_BUCKET": "practice-stage-raw-111122223333",
    "RAW_CRAWLER": "practice-stage-raw",
    "RAW_TO_CLEAN_JOB": "practice-stage-raw-to-clean",
    "CLEAN_TO_CURATED_JOB": "practice-stage-clean-to-curated",
    "VALIDATOR_FUNCTION": "practice-stage-s3-validator",
    "ATHENA_WORKGROUP": "practice-stage-analytics",
    "CURATED_DATABASE": "practice_stage_curated",
    "ALERT_TOPIC_ARN": "arn:aws:sns:eu-west-1:111122223333:practice-stage-alerts",
}
