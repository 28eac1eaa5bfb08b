"""The ground floor: problems, bilingual text, codes and exit codes, Vietnamese text folding."""
