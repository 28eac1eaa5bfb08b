"""Output formats: one module per format, all reading the same result objects."""
