-- name: completed_rides
-- description: Completed rides with what analysts ask for most: minutes waited for a driver and for the pickup, trip minutes, and fare plus tip in the city's currency.
CREATE OR REPLACE VIEW "{{curated_db}}"."completed_rides" AS
SELECT
  ride_id,
  city,
  rider_id,
  driver_id,
  requested_at,
  completed_at,
  round(CAST(date_diff('second', requested_at, accepted_at) AS DOUBLE) / 60, 1) AS minutes_to_accept,
  round(CAST(date_diff('second', accepted_at, started_at) AS DOUBLE) / 60, 1) AS minutes_to_pickup,
  round(CAST(date_diff('second', started_at, completed_at) AS DOUBLE) / 60, 1) AS trip_minutes,
  distance_km,
  fare_amount,
  -- Version-1 rides have no tip column value (null): count them as no tip.
  coalesce(tip_amount, 0) AS tip_amount,
  fare_amount + coalesce(tip_amount, 0) AS total_amount,
  currency,
  payment_type,
  schema_version,
  year,
  month
FROM "{{curated_db}}"."rides"
WHERE status = 'completed'
