"""Phase-3 Glue jobs: raw → clean (Parquet) and clean → curated (Delta Lake), logic in `transforms/`."""
