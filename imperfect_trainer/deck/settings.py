"""The person's settings as saved in the collection: read once when it opens (and again after
an import or a restore replaced them), kept in memory, each saved the moment it changes. The
practice day they set (``rollover_hour``) is read here too, for every room that asks for
"today". Read and written on the kept connection, without SQLAlchemy: the first card waits for
them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.srs import scheduling
from imperfect_trainer.deck.storage.kept_connection import KeptConnection


class Settings:
    def __init__(self, connection: KeptConnection) -> None:
        self._connection = connection
        self._values: dict[str, Any] = settings_registry.defaults()

    def reload(self, *, forget: bool = False) -> None:
        """Read the settings again (after an import replaced them); with ``forget``, those no
        longer saved go back to their defaults (a whole collection was replaced)."""
        if forget:
            self._values = settings_registry.defaults()
        with self._connection.quick_transaction() as cursor:
            rows = cursor.execute(self._connection.plain_sql.settings).fetchall()
        for key, value in rows:
            self._values[key] = settings_registry.read(key, _json_or_none(value))

    def setting(self, key: str) -> Any:
        return self._values.get(key)

    def set_setting(self, key: str, value: Any) -> None:
        """Save one setting; a value the registry does not allow raises ``SettingValueError``."""
        value = settings_registry.checked(key, value)
        encoded = json.dumps(value)
        sql = self._connection.plain_sql
        with self._connection.quick_transaction() as cursor:
            self._connection.writes.note()
            cursor.execute(sql.forget_setting, {"key": key})
            cursor.execute(sql.save_setting, {"key": key, "value": encoded})
        self._values[key] = value

    def remember_setting(self, key: str, value: Any) -> None:
        """Keep in memory a setting just written inside another action's transaction."""
        self._values[key] = value

    @property
    def rollover_hour(self) -> int:
        return int(self._values["rollover_hour"])

    def practice_day(self, now: dt.datetime) -> dt.date:
        return scheduling.practice_day(now, self.rollover_hour)


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None
