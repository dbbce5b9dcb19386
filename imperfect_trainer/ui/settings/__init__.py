"""The Settings page and the Backups dialog."""
