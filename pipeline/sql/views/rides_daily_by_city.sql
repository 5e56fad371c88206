-- name: rides_daily_by_city
-- description: Rides per city and day (UTC day of the request): requested, completed and cancelled counts, fares of completed rides in the city's currency, and the cancellation rate.
-- chart: rides_per_day
CREATE OR REPLACE VIEW "{{curated_db}}"."rides_daily_by_city" AS
SELECT
  city,
  CAST(first_event_time AS DATE) AS ride_date,
  currency,
  count(*) AS rides,
  count_if(status = 'completed') AS completed_rides,
  count_if(status = 'cancelled') AS cancelled_rides,
  round(sum(CASE WHEN status = 'completed' THEN fare_amount END), 2) AS fares,
  -- CAST: integer / integer is an integer in Athena (0, not 0.08).
  round(CAST(count_if(status = 'cancelled') AS DOUBLE) / count(*), 4) AS cancellation_rate,
  year,
  month
FROM "{{curated_db}}"."rides"
GROUP BY city, CAST(first_event_time AS DATE), currency, year, month
