"""The Mock interview page: choose a loop, answer it round by round under the clock, debrief.

Nothing here is imported before the dashboard's first paint (the page is built in idle time
or when first shown); keep this package's __init__ empty of imports.
"""
