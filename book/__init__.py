"""Makes book/ a package for pytest only, so that its conftest.py (nbval settings) is imported as
book.conftest and does not shadow tests/conftest.py."""
