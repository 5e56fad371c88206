-- name: policy_changes
-- description: IAM and S3 policy changes in the last 30 days (policies attached, detached, written or deleted; bucket policies, ACLs and public access blocks), with who made them and on what.
SELECT
  eventtime,
  coalesce(useridentity.sessioncontext.sessionissuer.arn, useridentity.arn, useridentity.invokedby) AS principal,
  eventsource,
  eventname,
  coalesce(
    json_extract_scalar(requestparameters, '$.bucketName'),
    json_extract_scalar(requestparameters, '$.roleName'),
    json_extract_scalar(requestparameters, '$.userName'),
    json_extract_scalar(requestparameters, '$.groupName'),
    json_extract_scalar(requestparameters, '$.policyArn')
  ) AS target,
  json_extract_scalar(requestparameters, '$.policyArn') AS policy_arn,
  sourceipaddress,
  errorcode
FROM "{{audit_db}}"."cloudtrail_logs"
WHERE "timestamp" >= date_format(current_date - INTERVAL '30' DAY, '%Y/%m/%d')
  AND eventsource IN ('iam.amazonaws.com', 's3.amazonaws.com')
  AND eventname IN (
    'AttachRolePolicy', 'DetachRolePolicy', 'PutRolePolicy', 'DeleteRolePolicy', 'UpdateAssumeRolePolicy',
    'AttachUserPolicy', 'DetachUserPolicy', 'PutUserPolicy', 'DeleteUserPolicy',
    'AttachGroupPolicy', 'DetachGroupPolicy', 'PutGroupPolicy', 'DeleteGroupPolicy',
    'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'SetDefaultPolicyVersion',
    'PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl',
    'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock'
  )
ORDER BY eventtime DESC
