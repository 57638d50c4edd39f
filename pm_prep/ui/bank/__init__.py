"""The question bank page: every question, searchable, with your own questions."""
