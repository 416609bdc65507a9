"""Stage 6, for readers: figures, citations and the generated pages of the book."""
