"""The self-assessment page and its widgets."""
