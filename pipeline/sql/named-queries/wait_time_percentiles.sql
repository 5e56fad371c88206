-- name: wait_time_percentiles
-- description: Seconds riders wait for a driver to accept, per city: median and 90th percentile (approximate, as approx_percentile computes them), over all accepted rides.
SELECT
  city,
  count(*) AS accepted_rides,
  approx_percentile(date_diff('second', requested_at, accepted_at), 0.5) AS median_seconds,
  approx_percentile(date_diff('second', requested_at, accepted_at), 0.9) AS p90_seconds
FROM "{{curated_db}}"."rides"
WHERE accepted_at IS NOT NULL
GROUP BY city
ORDER BY city
