"""The Qt window. Talks only to the store facade; no SQL here."""
