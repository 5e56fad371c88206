-- name: top_cities_by_revenue
-- description: Cities by revenue of completed rides (fares plus tips), one row per city and currency, ranked within each currency (amounts in different currencies are never added or compared), with ride counts and the average fare.
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
-- Rank within a currency: 1,000 GBP and 1,000 USD are not the same amount.
ORDER BY currency, revenue DESC, city
