"""The practice goals page, one goal's editor, and the monthly goals line on home."""
