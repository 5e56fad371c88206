-- name: failed_calls
-- description: Calls that failed in the last 7 days, grouped by principal, action and error, access denied and unauthorized operations first: a denied burst is a missing permission or someone probing.
SELECT
  coalesce(useridentity.sessioncontext.sessionissuer.arn, useridentity.arn, useridentity.invokedby) AS principal,
  eventsource,
  eventname,
  errorcode,
  errorcode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')
    AS unauthorized,
  count(*) AS calls,
  count(DISTINCT sourceipaddress) AS source_ips,
  min(eventtime) AS first_seen,
  max(eventtime) AS last_seen
FROM "{{audit_db}}"."cloudtrail_logs"
WHERE "timestamp" >= date_format(current_date - INTERVAL '7' DAY, '%Y/%m/%d')
  AND errorcode IS NOT NULL
GROUP BY 1, 2, 3, 4
ORDER BY unauthorized DESC, calls DESC, last_seen DESC
