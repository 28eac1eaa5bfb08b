"""Build time only: the labelled corpus and fitting the learned reader (`chithi train`)."""
