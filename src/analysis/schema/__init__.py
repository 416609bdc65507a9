"""Stage 2, declarations: each table and column described once; CSV and Data Package writing."""
