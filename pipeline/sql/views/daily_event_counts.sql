-- name: daily_event_counts
-- description: Clean ride events per day, event type and schema version: shows what arrived each day and when producers moved to schema version 2. Filter on year, month and day to scan only those partitions.
CREATE OR REPLACE VIEW "{{curated_db}}"."daily_event_counts" AS
SELECT
  year,
  month,
  day,
  event_type,
  schema_version,
  count(*) AS events,
  count(DISTINCT ride_id) AS rides
FROM "{{clean_db}}"."rides"
GROUP BY year, month, day, event_type, schema_version
