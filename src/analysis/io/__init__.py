"""Stage 1, files in: paths, atomic writes, sources and their fixity, reference facts, codebooks."""
