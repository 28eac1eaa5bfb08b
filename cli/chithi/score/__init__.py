"""Detections and citations to outcomes and points; suppressions, aggregates, redaction."""
