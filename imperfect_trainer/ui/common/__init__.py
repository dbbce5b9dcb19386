"""What every screen is built from: widgets, theme, layouts that reflow, commands, the clock, and
the one place errors and changes are told."""
