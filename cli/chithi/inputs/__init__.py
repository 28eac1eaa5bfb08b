"""From a path to a checked-ready object: the compiled ruleset cache."""
