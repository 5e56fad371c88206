{#- Airflow renders this file with Jinja before Athena sees it, so this comment never reaches Athena.
    The daily ride summary of the MWAA pipeline: one row per day (UTC, of the ride's first event), city,
    status and currency, over the curated `rides` table. Every run re-creates it, so the view follows the
    table's schema as it evolves; creating a view scans no data. -#}
CREATE OR REPLACE VIEW ride_daily_summary AS
SELECT
  CAST(first_event_time AS DATE) AS ride_date,
  city,
  status,
  currency,
  count(*) AS rides,
  round(sum(fare_amount), 2) AS fares,
  round(sum(coalesce(tip_amount, 0)), 2) AS tips,
  round(avg(distance_km), 2) AS average_distance_km
FROM rides
GROUP BY CAST(first_event_time AS DATE), city, status, currency
