-- name: cancellation_rate_by_city
-- description: Share of finished rides that were cancelled, per city, split into cancelled before a driver accepted and after.
-- chart: cancellation_rate
SELECT
  city,
  count(*) AS finished_rides,
  count_if(status = 'cancelled') AS cancelled_rides,
  count_if(status = 'cancelled' AND accepted_at IS NULL) AS cancelled_before_accept,
  count_if(status = 'cancelled' AND accepted_at IS NOT NULL) AS cancelled_after_accept,
  round(CAST(count_if(status = 'cancelled') AS DOUBLE) / count(*), 4) AS cancellation_rate
FROM "{{curated_db}}"."rides"
WHERE status IN ('completed', 'cancelled')
GROUP BY city
ORDER BY cancellation_rate DESC, city
