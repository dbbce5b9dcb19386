"""The Cards page: the browser, its table, the selected card's preview, and the dialogs for one
card."""
