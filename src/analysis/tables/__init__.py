"""Stage 4, table builders: declared inputs in, a DataFrame with evidence columns out."""
