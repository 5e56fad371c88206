-- name: yesterday_events_by_hour
-- description: Yesterday's clean ride events per hour (UTC) and event type. The WHERE on the partition columns year, month and day makes Athena read that one day's folder only: compare Data scanned with and without it.
SELECT
  hour(event_time) AS hour_utc,
  event_type,
  count(*) AS events
FROM "{{clean_db}}"."rides"
WHERE year = date_format(current_date - INTERVAL '1' DAY, '%Y')
  AND month = date_format(current_date - INTERVAL '1' DAY, '%m')
  AND day = date_format(current_date - INTERVAL '1' DAY, '%d')
GROUP BY hour(event_time), event_type
ORDER BY hour_utc, event_type
