"""Stage 5, the pipeline: the registry of tables, derivation (all-or-nothing), checks, loading."""
