"""The core: cards, SM-2, scheduling and storage. Pure Python; never imports Qt."""
