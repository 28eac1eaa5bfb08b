"""Is this input well formed and meaningful? Schema, quick schema, ruleset and report checks, self-tests."""
