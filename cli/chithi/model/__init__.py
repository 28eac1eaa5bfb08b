"""The data every stage passes on: rulesets, reports, results, runs, ruleset diffs."""
