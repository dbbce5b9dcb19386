"""The moments tests start from: a fixed morning in the person's own time zone."""

from __future__ import annotations

import datetime as dt

LOCAL = dt.timezone(dt.timedelta(hours=1), "CET")
MORNING = dt.datetime(2026, 11, 23, 8, 30, tzinfo=LOCAL)
