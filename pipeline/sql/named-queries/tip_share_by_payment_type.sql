-- name: tip_share_by_payment_type
-- description: How often riders tip and how much (tips as a share of fares) per payment type and currency, over completed rides sent with schema version 2 (version 1 had no tips).
SELECT
  payment_type,
  currency,
  count(*) AS completed_rides,
  round(CAST(count_if(tip_amount > 0) AS DOUBLE) / count(*), 4) AS tipped_share,
  -- Tips and fares of one currency: a ratio of sums over several currencies would weigh them by exchange rate.
  round(sum(tip_amount) / sum(fare_amount), 4) AS tip_to_fare
FROM "{{curated_db}}"."rides"
WHERE status = 'completed' AND tip_amount IS NOT NULL
GROUP BY payment_type, currency
ORDER BY currency, tip_to_fare DESC, payment_type
