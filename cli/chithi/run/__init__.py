"""Running the pipeline: one loaded report checked, many inputs checked in order (in parallel when asked), a ruleset's self-tests run."""
