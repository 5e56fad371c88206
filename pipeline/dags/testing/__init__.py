"""Test helpers of the DAGs: not needed on MWAA, where .airflowignore keeps the DAG processor out of here."""
