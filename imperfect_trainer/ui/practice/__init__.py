"""The practice's screens: welcome, home, a practice card by card, its summary, and the debrief
after a hard session."""
