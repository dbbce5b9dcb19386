"""Alembic migrations for the collection, shipped in the package and run at start."""
