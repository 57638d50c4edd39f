"""The History page: every attempt, searched, rated later and compared."""
