"""The Statistics page and its charts."""
