"""Derive structured, evidence-carrying tables from the sources of the report."""
