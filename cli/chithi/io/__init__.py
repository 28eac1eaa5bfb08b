"""Bytes in and out: safe YAML loading with positions, atomic output files."""
