"""Exports of stored records: JSON Lines, CSV, Parquet and GDELT 2.0 Events TSV."""

from newsgraph.export.gdelt import gdelt_columns, gdelt_rows, read_gdelt_events
from newsgraph.export.tables import FORMATS, export_records, table_pages

__all__ = ["FORMATS", "export_records", "gdelt_columns", "gdelt_rows", "read_gdelt_events", "table_pages"]
