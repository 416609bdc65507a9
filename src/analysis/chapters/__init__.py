"""Small helpers a chapter needs (arithmetic on loaded tables), tested; never parsing."""
