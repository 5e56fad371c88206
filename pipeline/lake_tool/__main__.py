"""Entry point of ``python3 -m pipeline.lake_tool``."""

from .cli import main

raise SystemExit(main())
