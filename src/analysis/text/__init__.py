"""Stage 3, pure parsers: text in, spans and typed values out; no files, no tables."""
