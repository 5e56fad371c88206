-- name: top_cities_by_revenue
-- description: Cities by revenue of completed rides (fares plus tips, each in the city's own currency), with ride counts and the average fare.
-- chart: revenue_by_city
SELECT
  city,
  currency,
  count(*) AS completed_rides,
  round(sum(fare_amount), 2) AS fares,
  round(sum(coalesce(tip_amount, 0)), 2) AS tips,
  round(sum(fare_amount + coalesce(tip_amount, 0)), 2) AS revenue,
  round(avg(fare_amount), 2) AS average_fare
FROM "{{curated_db}}"."rides"
WHERE status = 'completed'
GROUP BY city, currency
ORDER BY revenue DESC, city
