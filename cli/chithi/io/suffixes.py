"""Which file names hold reports in which form. Apart from the readers, so that finding files
never imports a workbook or CSV reader (YAML start-up stays as it was)."""

from __future__ import annotations

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TABLE_SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")
