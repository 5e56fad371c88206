-- name: city_daily_summary
-- description: Materializes one row per city and day from the curated rides (counts, fares, tips, distance, active drivers) as Parquet partitioned by year and month, for dashboards that should not rescan the rides.
CREATE TABLE "{{curated_db}}"."city_daily_summary"
WITH (
  format = 'PARQUET',
  write_compression = 'SNAPPY',
  external_location = '{{ctas_location}}',
  partitioned_by = ARRAY['year', 'month']
) AS
SELECT
  city,
  CAST(first_event_time AS DATE) AS ride_date,
  currency,
  count(*) AS rides,
  count_if(status = 'completed') AS completed_rides,
  count_if(status = 'cancelled') AS cancelled_rides,
  round(sum(CASE WHEN status = 'completed' THEN fare_amount END), 2) AS fares,
  round(sum(CASE WHEN status = 'completed' THEN coalesce(tip_amount, 0) END), 2) AS tips,
  round(avg(CASE WHEN status = 'completed' THEN distance_km END), 2) AS average_distance_km,
  count(DISTINCT driver_id) AS active_drivers,
  -- Partition columns last: Athena's CTAS requires it.
  year,
  month
FROM "{{curated_db}}"."rides"
GROUP BY city, CAST(first_event_time AS DATE), currency, year, month
