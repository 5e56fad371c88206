-- name: driver_leaderboard
-- description: Drivers ranked within their city and currency by the fares of their completed rides, with rides, kilometres driven and tips.
CREATE OR REPLACE VIEW "{{curated_db}}"."driver_leaderboard" AS
SELECT
  city,
  driver_id,
  currency,
  count(*) AS completed_rides,
  round(sum(distance_km), 1) AS km_driven,
  round(sum(fare_amount), 2) AS fares,
  round(sum(coalesce(tip_amount, 0)), 2) AS tips,
  -- Ranked among fares of the same currency only.
  rank() OVER (PARTITION BY city, currency ORDER BY sum(fare_amount) DESC) AS rank_in_city
FROM "{{curated_db}}"."rides"
WHERE status = 'completed' AND driver_id IS NOT NULL
GROUP BY city, driver_id, currency
