"""Helpers the tests share: moments, windows, raw rows, a practice to kill."""
