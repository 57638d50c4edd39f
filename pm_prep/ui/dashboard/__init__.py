"""The dashboard page and its widgets."""
