"""Imperfect Trainer: a kind spaced-repetition trainer for clinicians learning imperfection."""

__version__ = "0.1.0"
