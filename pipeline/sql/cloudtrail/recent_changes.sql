-- name: recent_changes
-- description: Who changed what in the last 7 days: every call that was not read-only, newest first, with the principal, the service and action, where it came from and whether it failed.
SELECT
  eventtime,
  -- A role's sessions share the role's ARN as issuer; users and services have their own.
  coalesce(useridentity.sessioncontext.sessionissuer.arn, useridentity.arn, useridentity.invokedby) AS principal,
  useridentity.type AS principal_type,
  eventsource,
  eventname,
  awsregion,
  sourceipaddress,
  errorcode
FROM "{{audit_db}}"."cloudtrail_logs"
-- The projected partition column: Athena reads only the last 7 days' folders.
WHERE "timestamp" >= date_format(current_date - INTERVAL '7' DAY, '%Y/%m/%d')
  AND readonly = 'false'
  AND coalesce(useridentity.type, '') <> 'AWSService'
ORDER BY eventtime DESC
LIMIT 1000
