-- name: hourly_demand
-- description: Ride requests per city and hour of the day (UTC): the daily peaks of each city, shifted by its time zone.
-- chart: hourly_demand
SELECT
  city,
  hour(requested_at) AS hour_utc,
  count(*) AS requests
FROM "{{curated_db}}"."rides"
WHERE requested_at IS NOT NULL
GROUP BY city, hour(requested_at)
ORDER BY city, hour_utc
