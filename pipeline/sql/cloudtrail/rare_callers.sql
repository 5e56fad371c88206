-- name: rare_callers
-- description: Principal, source IP and user agent combinations seen 3 times or fewer in the last 30 days: new machines, scripts and people stand out against the pipeline's steady callers.
SELECT
  coalesce(useridentity.sessioncontext.sessionissuer.arn, useridentity.arn, useridentity.invokedby) AS principal,
  sourceipaddress,
  useragent,
  count(*) AS calls,
  count(DISTINCT eventname) AS actions,
  min(eventname) AS example_action,
  min(eventtime) AS first_seen,
  max(eventtime) AS last_seen
FROM "{{audit_db}}"."cloudtrail_logs"
WHERE "timestamp" >= date_format(current_date - INTERVAL '30' DAY, '%Y/%m/%d')
  -- AWS services calling on your behalf are steady by nature.
  AND coalesce(useridentity.type, '') <> 'AWSService'
GROUP BY 1, 2, 3
HAVING count(*) <= 3
ORDER BY calls, last_seen DESC
