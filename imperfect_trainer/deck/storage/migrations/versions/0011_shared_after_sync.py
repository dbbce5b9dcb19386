"""What a syncing trainee shares, published to the hub for their supervisor (issue 25).

Revision ID: 0011
Revises: 0010

A trainee who syncs practises on their own computers: their server collection stays empty, and
the hub holds only their events, from which a supervisor's figures (mastery needs each card's
SM-2 replay) cannot be read in SQL. So at the end of each sync the trainee's computer publishes
what the supervisor may see, already worked out, and nothing else. PostgreSQL only:

- ``hub_shared``: one row per published thing, keyed by (owner, kind, key): a practised
  ``day`` (answers, minutes), a ``section``'s mastery, a shared journal ``entry`` (keyed by its
  id across computers), a shared ``goal``. A row taken back (unshared, deleted, a day whose
  answers were all taken back) keeps its key and loses its payload (an UPDATE, since people
  delete nothing themselves). ``position``: how far into the person's events the publishing
  computer had read, so a computer that knew less cannot overwrite one that knew more.
  Row-level security as on every personal table; people SELECT, INSERT, and UPDATE
  ``position`` and ``payload`` only. A CHECK refuses a payload whose values the views could
  not read, so a row written by hand cannot break a supervisor's page.
- ``hub_events`` also carries a goal's versions (kind ``goal``; goals and their checks sync as
  journal entries do) and a setting's values (kind ``setting``, the later one wins).
- The four supervisor views (0005) read the publication for trainees who have one, and the
  server collection for the others (trainees who work on the server, ``--database URL``).
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

PEOPLE = "imperfect_trainer_people"
SUPERVISORS = "imperfect_trainer_supervisors"
SUMMARIES = "imperfect_trainer_summaries"

_NUMBER = "jsonb_typeof(payload -> '{0}') = 'number' AND (payload ->> '{0}')::int >= 0"
_TEXT = "jsonb_typeof(payload -> '{0}') = 'string'"
_SHORT = "jsonb_typeof(payload -> '{0}') = 'string' AND length(payload ->> '{0}') <= 20"
_DAY = "(payload ->> '{0}')::date IS NOT NULL"
_MOMENT = "(payload ->> '{0}')::timestamp IS NOT NULL"
_INTEGER = "jsonb_typeof(payload -> '{0}') = 'number' AND (payload ->> '{0}')::int IS NOT NULL"


def _all(*checks: str) -> str:
    return " AND ".join(f"({check})" for check in checks)


READABLE = {
    "day": _all("key::date IS NOT NULL", _NUMBER.format("answers"), _NUMBER.format("duration_ms")),
    "section": _all(
        "length(key) <= 200",
        _INTEGER.format("position"),
        *(_NUMBER.format(name) for name in ("cards", "new", "settled")),
    ),
    "entry": _all(
        _SHORT.format("kind"),
        _DAY.format("practice_day"),
        _MOMENT.format("created_at"),
        _MOMENT.format("updated_at"),
        _TEXT.format("text"),
    ),
    "goal": _all(
        _INTEGER.format("position"),
        _TEXT.format("text"),
        f"payload -> 'striving' = 'null' OR ({_SHORT.format('striving')})",
        "jsonb_typeof(payload -> 'discussed_in_supervision') IN ('boolean', 'null')",
        _TEXT.format("note"),
        _DAY.format("revisited_day"),
        _MOMENT.format("updated_at"),
    ),
}

ASSIGNED = "owner IN (SELECT trainee FROM supervision WHERE supervisor = session_user)"
# A trainee who publishes is shown by the publication alone (their server collection, if they
# ever had one, is left behind by the move to their computers).
UNPUBLISHED = "owner NOT IN (SELECT owner FROM hub_shared)"


def _published(kind: str) -> str:
    return f"FROM hub_shared WHERE kind = '{kind}' AND payload IS NOT NULL AND {ASSIGNED}"


SUPERVISOR_VIEWS = {
    "supervision_journal": f"""
        SELECT owner::text AS trainee, id, kind, practice_day, created_at, updated_at, text
        FROM journal_entries WHERE shared AND {ASSIGNED} AND {UNPUBLISHED}
        UNION ALL
        SELECT owner::text, (row_number() OVER (PARTITION BY owner ORDER BY key))::int,
               (payload ->> 'kind')::varchar(20), (payload ->> 'practice_day')::date,
               (payload ->> 'created_at')::timestamp, (payload ->> 'updated_at')::timestamp,
               payload ->> 'text'
        {_published("entry")}""",
    "supervision_goals": f"""
        SELECT owner::text AS trainee, id, position, text, striving, discussed_in_supervision,
               note, revisited_day, updated_at
        FROM goals WHERE shared AND {ASSIGNED} AND {UNPUBLISHED}
        UNION ALL
        SELECT owner::text, (row_number() OVER (PARTITION BY owner ORDER BY key))::int,
               (payload ->> 'position')::int, payload ->> 'text',
               (payload ->> 'striving')::varchar(20),
               (payload ->> 'discussed_in_supervision')::boolean, payload ->> 'note',
               (payload ->> 'revisited_day')::date, (payload ->> 'updated_at')::timestamp
        {_published("goal")}""",
    "supervision_days": f"""
        SELECT owner::text AS trainee, day, answers, duration_ms
        FROM practice_days WHERE {ASSIGNED} AND {UNPUBLISHED}
        UNION ALL
        SELECT owner::text, key::date, (payload ->> 'answers')::int,
               (payload ->> 'duration_ms')::int
        {_published("day")}""",
    "supervision_mastery": f"""
        SELECT c.owner::text AS trainee, c.section, min(c.position) AS position,
               count(*) AS cards, count(*) - count(s.due_day) AS new,
               count(*) FILTER (WHERE s.interval_days >= 21) AS settled
        FROM cards AS c JOIN card_states AS s ON s.owner = c.owner AND s.card_id = c.id
        WHERE c.origin = 'builtin' AND NOT c.retired AND c.{ASSIGNED} AND c.{UNPUBLISHED}
        GROUP BY c.owner, c.section
        UNION ALL
        SELECT owner::text, key::varchar(200), (payload ->> 'position')::int,
               (payload ->> 'cards')::bigint, (payload ->> 'new')::bigint,
               (payload ->> 'settled')::bigint
        {_published("section")}""",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # A value missing makes a check NULL, which a CHECK would let through: it counts as false.
    # Checked again over the events there (a goal is a new kind, no row is changed).
    op.execute("ALTER TABLE hub_events DROP CONSTRAINT IF EXISTS hub_events_kind_check")
    op.execute(
        "ALTER TABLE hub_events ADD CONSTRAINT hub_events_kind_check"
        " CHECK (kind IN ('answer', 'undo', 'entry', 'goal', 'setting'))"
    )
    readable = " ".join(
        f"WHEN '{kind}' THEN coalesce({check}, false)" for kind, check in READABLE.items()
    )
    op.execute(
        f"""
        CREATE TABLE IF NOT EXISTS hub_shared (
            owner name NOT NULL DEFAULT current_user,
            kind text NOT NULL CHECK (kind IN ('day', 'section', 'entry', 'goal')),
            key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
            position bigint NOT NULL CHECK (position >= 0),
            payload jsonb CHECK (payload IS NULL OR (jsonb_typeof(payload) = 'object'
                AND CASE kind {readable} END)),
            PRIMARY KEY (owner, kind, key)
        )"""
    )
    op.execute("ALTER TABLE hub_shared ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE hub_shared FORCE ROW LEVEL SECURITY")
    for policy in ("own_rows", "summaries"):
        op.execute(f"DROP POLICY IF EXISTS {policy} ON hub_shared")
    op.execute(
        "CREATE POLICY own_rows ON hub_shared"
        " USING (owner = current_user) WITH CHECK (owner = current_user)"
    )
    op.execute(f"CREATE POLICY summaries ON hub_shared FOR SELECT TO {SUMMARIES} USING (true)")
    op.execute(f"GRANT SELECT, INSERT ON hub_shared TO {PEOPLE}")
    op.execute(f"GRANT UPDATE (position, payload) ON hub_shared TO {PEOPLE}")
    op.execute(f"GRANT SELECT ON hub_shared TO {SUMMARIES}")
    # The views belong to the summaries role: replacing them needs its membership, and it the
    # right to create in the schema, for a moment (as 0005 made them).
    op.execute(f"GRANT {SUMMARIES} TO current_user")
    op.execute(f"GRANT CREATE, USAGE ON SCHEMA public TO {SUMMARIES}")
    for name, query in SUPERVISOR_VIEWS.items():
        op.execute(f"DROP VIEW IF EXISTS {name}")
        op.execute(f"CREATE VIEW {name} WITH (security_barrier) AS {query}")
        op.execute(f"ALTER VIEW {name} OWNER TO {SUMMARIES}")
        op.execute(f"GRANT SELECT ON {name} TO {SUPERVISORS}")
    op.execute(f"REVOKE CREATE ON SCHEMA public FROM {SUMMARIES}")
    op.execute(f"REVOKE {SUMMARIES} FROM current_user")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise NotImplementedError("a programme's database is not taken back to an older schema")
