# ruff: noqa: E501
"""Written by ``python -m imperfect_trainer.deck.storage.statements`` from
``statements``: not to be edited by hand (a test compares them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlainStatements:
    """One dialect's text of every statement in ``statements``."""

    read_schedule: str
    write_schedule: str
    write_schedule_if_unchanged: str
    log_answer: str
    log_reflection: str
    find_answer: str
    logged_answer: str
    forget_reflection: str
    forget_answer: str
    last_scheduling_day: str
    start_session: str
    end_session: str
    practised_days: str
    last_practice_day: str
    answer_totals: str
    practice_card: str
    due_cards: str
    new_cards: str
    introduced_on: str
    reflections_today: str
    drills_pending: str
    count_active: str
    count_due: str
    count_new: str
    set_aside: str
    set_aside_on: str
    settings: str
    forget_setting: str
    save_setting: str
    goals_in_order: str
    last_reflection: str
    answer_on_server: str
    answer_with_reflection_on_server: str


SQLITE = PlainStatements(
    read_schedule="SELECT card_states.repetitions, card_states.easiness_hundredths, card_states.interval_days, card_states.due_day, card_states.last_review_day, card_states.introduced_day, card_states.review_count, card_states.lapses FROM card_states WHERE card_states.card_id = :card_id",
    write_schedule="UPDATE card_states SET repetitions=:new_repetitions, easiness_hundredths=:new_easiness_hundredths, interval_days=:new_interval_days, due_day=:new_due_day, introduced_day=:new_introduced_day, last_review_day=:new_last_review_day, review_count=:new_review_count, lapses=:new_lapses WHERE card_states.card_id = :card_id",
    write_schedule_if_unchanged="UPDATE card_states SET repetitions=:new_repetitions, easiness_hundredths=:new_easiness_hundredths, interval_days=:new_interval_days, due_day=:new_due_day, introduced_day=:new_introduced_day, last_review_day=:new_last_review_day, review_count=:new_review_count, lapses=:new_lapses WHERE card_states.card_id = :card_id AND card_states.repetitions IS :was_repetitions AND card_states.easiness_hundredths IS :was_easiness_hundredths AND card_states.interval_days IS :was_interval_days AND card_states.due_day IS :was_due_day AND card_states.last_review_day IS :was_last_review_day AND card_states.introduced_day IS :was_introduced_day AND card_states.review_count IS :was_review_count AND card_states.lapses IS :was_lapses",
    log_answer="INSERT INTO reviews (card_id, session_id, reviewed_at, practice_day, grade, duration_ms, drill, repetitions_before, easiness_before, interval_before, due_before, repetitions_after, easiness_after, interval_after, due_after) VALUES (:card_id, :session_id, :reviewed_at, :practice_day, :grade, :duration_ms, :drill, :repetitions_before, :easiness_before, :interval_before, :due_before, :repetitions_after, :easiness_after, :interval_after, :due_after) RETURNING id",
    log_reflection="INSERT INTO journal_entries (kind, card_id, review_id, session_id, practice_day, created_at, updated_at, text, shared) VALUES ('reflection', :card_id, :review_id, :session_id, :practice_day, :created_at, :updated_at, :text, 0)",
    find_answer="SELECT reviews.id FROM reviews WHERE reviews.card_id = :card_id AND reviews.reviewed_at = :reviewed_at",
    logged_answer="SELECT reviews.card_id, reviews.grade, reviews.practice_day, reviews.drill, reviews.repetitions_before, reviews.easiness_before, reviews.interval_before, reviews.due_before, reviews.repetitions_after, reviews.easiness_after, reviews.interval_after, reviews.due_after FROM reviews WHERE reviews.id = :review_id",
    forget_reflection="DELETE FROM journal_entries WHERE journal_entries.review_id = :review_id",
    forget_answer="DELETE FROM reviews WHERE reviews.id = :review_id",
    last_scheduling_day="SELECT max(reviews.practice_day) AS max_1 FROM reviews WHERE reviews.card_id = :card_id AND reviews.drill = 0",
    start_session="INSERT INTO practice_sessions (kind, practice_day, started_at, planned_seconds) VALUES (:kind, :practice_day, :started_at, :planned_seconds) RETURNING id",
    end_session="UPDATE practice_sessions SET ended_at=:ended_at WHERE practice_sessions.id = :session_id",
    practised_days="SELECT practice_days.day FROM practice_days WHERE practice_days.day BETWEEN :first AND :last",
    last_practice_day="SELECT max(practice_days.day) AS max_1 FROM practice_days",
    answer_totals="SELECT coalesce(sum(practice_days.answers), 0) AS coalesce_1, count(*) AS count_1, coalesce(sum(practice_days.duration_ms), 0) AS coalesce_2 FROM practice_days",
    practice_card="SELECT cards.id, cards.kind, cards.section, cards.front, cards.back, cards.tags, cards.personal_note, card_states.repetitions, card_states.easiness_hundredths, card_states.interval_days, card_states.due_day, card_states.last_review_day, card_states.introduced_day, card_states.review_count, card_states.lapses FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE cards.id = :card_id",
    due_cards="SELECT cards.id, cards.kind, cards.section, cards.front, cards.back, cards.tags, cards.personal_note, card_states.repetitions, card_states.easiness_hundredths, card_states.interval_days, card_states.due_day, card_states.last_review_day, card_states.introduced_day, card_states.review_count, card_states.lapses FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE card_states.due_day <= :today AND NOT (cards.retired IS 1 OR cards.suspended IS 1) ORDER BY card_states.due_day, card_states.easiness_hundredths, cards.position LIMIT :limit OFFSET 0",
    new_cards="SELECT cards.id, cards.kind, cards.section, cards.front, cards.back, cards.tags, cards.personal_note, card_states.repetitions, card_states.easiness_hundredths, card_states.interval_days, card_states.due_day, card_states.last_review_day, card_states.introduced_day, card_states.review_count, card_states.lapses FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE card_states.due_day IS NULL AND NOT (cards.retired IS 1 OR cards.suspended IS 1) ORDER BY cards.position LIMIT :limit OFFSET 0",
    introduced_on="SELECT count(*) AS count_1 FROM card_states WHERE card_states.introduced_day = :today",
    reflections_today="SELECT (SELECT count(*) AS count_1 FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE cards.kind = 'reflection' AND card_states.due_day <= :today AND NOT (cards.retired IS 1 OR cards.suspended IS 1)) + (SELECT count(*) AS count_2 FROM (SELECT cards.kind AS kind FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE card_states.due_day IS NULL AND NOT (cards.retired IS 1 OR cards.suspended IS 1) ORDER BY cards.position LIMIT :new_count OFFSET 0) AS coming WHERE coming.kind = 'reflection') AS anon_1",
    drills_pending="SELECT reviews.card_id FROM reviews JOIN (SELECT reviews.card_id AS card_id, max(reviews.id) AS last_id FROM reviews WHERE reviews.practice_day = :today GROUP BY reviews.card_id) AS latest ON reviews.id = latest.last_id WHERE reviews.grade < :below ORDER BY reviews.id",
    count_active="SELECT (SELECT count(*) AS count_1 FROM card_states) - (SELECT count(*) AS count_1 FROM card_states WHERE card_states.card_id IN (SELECT cards.id FROM cards WHERE cards.retired IS 1 OR cards.suspended IS 1)) AS anon_1",
    count_due="SELECT (SELECT count(*) AS count_1 FROM card_states WHERE card_states.due_day <= :today) - (SELECT count(*) AS count_1 FROM card_states WHERE card_states.card_id IN (SELECT cards.id FROM cards WHERE cards.retired IS 1 OR cards.suspended IS 1) AND card_states.due_day <= :today) AS anon_1",
    count_new="SELECT (SELECT count(*) AS count_1 FROM card_states WHERE card_states.due_day IS NULL) - (SELECT count(*) AS count_1 FROM card_states WHERE card_states.card_id IN (SELECT cards.id FROM cards WHERE cards.retired IS 1 OR cards.suspended IS 1) AND card_states.due_day IS NULL) AS anon_1",
    set_aside="UPDATE card_states SET set_aside_day=:day WHERE card_states.card_id = :card_id",
    set_aside_on="SELECT card_states.card_id FROM card_states WHERE card_states.set_aside_day = :today",
    settings='SELECT settings."key", settings.value FROM settings',
    forget_setting='DELETE FROM settings WHERE settings."key" = :key',
    save_setting='INSERT INTO settings ("key", value) VALUES (:key, :value)',
    goals_in_order="SELECT goals.id, goals.position, goals.text, goals.striving, goals.discussed_in_supervision, goals.note, goals.created_at, goals.updated_at, goals.revisited_day, goals.shared FROM goals ORDER BY goals.position, goals.id",
    last_reflection="SELECT journal_entries.practice_day, journal_entries.text FROM journal_entries WHERE journal_entries.card_id = :card_id AND journal_entries.kind = 'reflection' ORDER BY journal_entries.created_at DESC, journal_entries.id DESC LIMIT 1 OFFSET 0",
    answer_on_server="",
    answer_with_reflection_on_server="",
)

POSTGRESQL = PlainStatements(
    read_schedule="SELECT card_states.repetitions, card_states.easiness_hundredths, card_states.interval_days, card_states.due_day, card_states.last_review_day, card_states.introduced_day, card_states.review_count, card_states.lapses FROM card_states WHERE card_states.card_id = %(card_id)s::VARCHAR",
    write_schedule="UPDATE card_states SET repetitions=%(new_repetitions)s::INTEGER, easiness_hundredths=%(new_easiness_hundredths)s::INTEGER, interval_days=%(new_interval_days)s::INTEGER, due_day=%(new_due_day)s::DATE, introduced_day=%(new_introduced_day)s::DATE, last_review_day=%(new_last_review_day)s::DATE, review_count=%(new_review_count)s::INTEGER, lapses=%(new_lapses)s::INTEGER WHERE card_states.card_id = %(card_id)s::VARCHAR",
    write_schedule_if_unchanged="UPDATE card_states SET repetitions=%(new_repetitions)s::INTEGER, easiness_hundredths=%(new_easiness_hundredths)s::INTEGER, interval_days=%(new_interval_days)s::INTEGER, due_day=%(new_due_day)s::DATE, introduced_day=%(new_introduced_day)s::DATE, last_review_day=%(new_last_review_day)s::DATE, review_count=%(new_review_count)s::INTEGER, lapses=%(new_lapses)s::INTEGER WHERE card_states.card_id = %(card_id)s::VARCHAR AND card_states.repetitions IS NOT DISTINCT FROM %(was_repetitions)s::INTEGER AND card_states.easiness_hundredths IS NOT DISTINCT FROM %(was_easiness_hundredths)s::INTEGER AND card_states.interval_days IS NOT DISTINCT FROM %(was_interval_days)s::INTEGER AND card_states.due_day IS NOT DISTINCT FROM %(was_due_day)s::DATE AND card_states.last_review_day IS NOT DISTINCT FROM %(was_last_review_day)s::DATE AND card_states.introduced_day IS NOT DISTINCT FROM %(was_introduced_day)s::DATE AND card_states.review_count IS NOT DISTINCT FROM %(was_review_count)s::INTEGER AND card_states.lapses IS NOT DISTINCT FROM %(was_lapses)s::INTEGER",
    log_answer="INSERT INTO reviews (card_id, session_id, reviewed_at, practice_day, grade, duration_ms, drill, repetitions_before, easiness_before, interval_before, due_before, repetitions_after, easiness_after, interval_after, due_after) VALUES (%(card_id)s::VARCHAR, %(session_id)s::INTEGER, %(reviewed_at)s::TIMESTAMP WITHOUT TIME ZONE, %(practice_day)s::DATE, %(grade)s::INTEGER, %(duration_ms)s::INTEGER, %(drill)s, %(repetitions_before)s::INTEGER, %(easiness_before)s::INTEGER, %(interval_before)s::INTEGER, %(due_before)s::DATE, %(repetitions_after)s::INTEGER, %(easiness_after)s::INTEGER, %(interval_after)s::INTEGER, %(due_after)s::DATE) RETURNING reviews.id",
    log_reflection="INSERT INTO journal_entries (kind, card_id, review_id, session_id, practice_day, created_at, updated_at, text, shared) VALUES ('reflection', %(card_id)s::VARCHAR, %(review_id)s::INTEGER, %(session_id)s::INTEGER, %(practice_day)s::DATE, %(created_at)s::TIMESTAMP WITHOUT TIME ZONE, %(updated_at)s::TIMESTAMP WITHOUT TIME ZONE, %(text)s::VARCHAR, false)",
    find_answer="SELECT reviews.id FROM reviews WHERE reviews.card_id = %(card_id)s::VARCHAR AND reviews.reviewed_at = %(reviewed_at)s::TIMESTAMP WITHOUT TIME ZONE",
    logged_answer="SELECT reviews.card_id, reviews.grade, reviews.practice_day, reviews.drill, reviews.repetitions_before, reviews.easiness_before, reviews.interval_before, reviews.due_before, reviews.repetitions_after, reviews.easiness_after, reviews.interval_after, reviews.due_after FROM reviews WHERE reviews.id = %(review_id)s::INTEGER",
    forget_reflection="UPDATE journal_entries SET removed = true WHERE journal_entries.review_id = %(review_id)s::INTEGER",
    forget_answer="UPDATE reviews SET removed = true WHERE reviews.id = %(review_id)s::INTEGER",
    last_scheduling_day="SELECT max(reviews.practice_day) AS max_1 FROM reviews WHERE reviews.card_id = %(card_id)s::VARCHAR AND NOT reviews.drill",
    start_session="INSERT INTO practice_sessions (kind, practice_day, started_at, planned_seconds) VALUES (%(kind)s::VARCHAR, %(practice_day)s::DATE, %(started_at)s::TIMESTAMP WITHOUT TIME ZONE, %(planned_seconds)s::INTEGER) RETURNING practice_sessions.id",
    end_session="UPDATE practice_sessions SET ended_at=%(ended_at)s::TIMESTAMP WITHOUT TIME ZONE WHERE practice_sessions.id = %(session_id)s::INTEGER",
    practised_days="SELECT practice_days.day FROM practice_days WHERE practice_days.day BETWEEN %(first)s::DATE AND %(last)s::DATE",
    last_practice_day="SELECT max(practice_days.day) AS max_1 FROM practice_days",
    answer_totals="SELECT coalesce(sum(practice_days.answers), 0) AS coalesce_1, count(*) AS count_1, coalesce(sum(practice_days.duration_ms), 0) AS coalesce_2 FROM practice_days",
    practice_card="SELECT cards.id, cards.kind, cards.section, cards.front, cards.back, cards.tags, cards.personal_note, card_states.repetitions, card_states.easiness_hundredths, card_states.interval_days, card_states.due_day, card_states.last_review_day, card_states.introduced_day, card_states.review_count, card_states.lapses FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE cards.id = %(card_id)s::VARCHAR",
    due_cards="SELECT cards.id, cards.kind, cards.section, cards.front, cards.back, cards.tags, cards.personal_note, card_states.repetitions, card_states.easiness_hundredths, card_states.interval_days, card_states.due_day, card_states.last_review_day, card_states.introduced_day, card_states.review_count, card_states.lapses FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE card_states.due_day <= %(today)s::DATE AND NOT (cards.retired IS true OR cards.suspended IS true) ORDER BY card_states.due_day, card_states.easiness_hundredths, cards.position LIMIT %(limit)s::INTEGER OFFSET 0",
    new_cards="SELECT cards.id, cards.kind, cards.section, cards.front, cards.back, cards.tags, cards.personal_note, card_states.repetitions, card_states.easiness_hundredths, card_states.interval_days, card_states.due_day, card_states.last_review_day, card_states.introduced_day, card_states.review_count, card_states.lapses FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE card_states.due_day IS NULL AND NOT (cards.retired IS true OR cards.suspended IS true) ORDER BY cards.position LIMIT %(limit)s::INTEGER OFFSET 0",
    introduced_on="SELECT count(*) AS count_1 FROM card_states WHERE card_states.introduced_day = %(today)s::DATE",
    reflections_today="SELECT (SELECT count(*) AS count_1 FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE cards.kind = 'reflection' AND card_states.due_day <= %(today)s::DATE AND NOT (cards.retired IS true OR cards.suspended IS true)) + (SELECT count(*) AS count_2 FROM (SELECT cards.kind AS kind FROM cards JOIN card_states ON card_states.card_id = cards.id WHERE card_states.due_day IS NULL AND NOT (cards.retired IS true OR cards.suspended IS true) ORDER BY cards.position LIMIT %(new_count)s::INTEGER OFFSET 0) AS coming WHERE coming.kind = 'reflection') AS anon_1",
    drills_pending="SELECT reviews.card_id FROM reviews JOIN (SELECT reviews.card_id AS card_id, max(reviews.id) AS last_id FROM reviews WHERE reviews.practice_day = %(today)s::DATE GROUP BY reviews.card_id) AS latest ON reviews.id = latest.last_id WHERE reviews.grade < %(below)s::INTEGER ORDER BY reviews.id",
    count_active="SELECT (SELECT count(*) AS count_1 FROM card_states) - (SELECT count(*) AS count_1 FROM card_states WHERE card_states.card_id IN (SELECT cards.id FROM cards WHERE cards.retired IS true OR cards.suspended IS true)) AS anon_1",
    count_due="SELECT (SELECT count(*) AS count_1 FROM card_states WHERE card_states.due_day <= %(today)s::DATE) - (SELECT count(*) AS count_1 FROM card_states WHERE card_states.card_id IN (SELECT cards.id FROM cards WHERE cards.retired IS true OR cards.suspended IS true) AND card_states.due_day <= %(today)s::DATE) AS anon_1",
    count_new="SELECT (SELECT count(*) AS count_1 FROM card_states WHERE card_states.due_day IS NULL) - (SELECT count(*) AS count_1 FROM card_states WHERE card_states.card_id IN (SELECT cards.id FROM cards WHERE cards.retired IS true OR cards.suspended IS true) AND card_states.due_day IS NULL) AS anon_1",
    set_aside="UPDATE card_states SET set_aside_day=%(day)s::DATE WHERE card_states.card_id = %(card_id)s::VARCHAR",
    set_aside_on="SELECT card_states.card_id FROM card_states WHERE card_states.set_aside_day = %(today)s::DATE",
    settings="SELECT settings.key, settings.value FROM settings",
    forget_setting="UPDATE settings SET removed = true WHERE settings.key = %(key)s::VARCHAR",
    save_setting="INSERT INTO settings (key, value) VALUES (%(key)s::VARCHAR, %(value)s::VARCHAR)",
    goals_in_order="SELECT goals.id, goals.position, goals.text, goals.striving, goals.discussed_in_supervision, goals.note, goals.created_at, goals.updated_at, goals.revisited_day, goals.shared FROM goals ORDER BY goals.position, goals.id",
    last_reflection="SELECT journal_entries.practice_day, journal_entries.text FROM journal_entries WHERE journal_entries.card_id = %(card_id)s::VARCHAR AND journal_entries.kind = 'reflection' ORDER BY journal_entries.created_at DESC, journal_entries.id DESC LIMIT 1 OFFSET 0",
    answer_on_server="WITH changed AS (UPDATE card_states SET repetitions=%(new_repetitions)s::INTEGER, easiness_hundredths=%(new_easiness_hundredths)s::INTEGER, interval_days=%(new_interval_days)s::INTEGER, due_day=%(new_due_day)s::DATE, introduced_day=%(new_introduced_day)s::DATE, last_review_day=%(new_last_review_day)s::DATE, review_count=%(new_review_count)s::INTEGER, lapses=%(new_lapses)s::INTEGER WHERE card_states.card_id = %(card_id)s::VARCHAR AND card_states.repetitions IS NOT DISTINCT FROM %(was_repetitions)s::INTEGER AND card_states.easiness_hundredths IS NOT DISTINCT FROM %(was_easiness_hundredths)s::INTEGER AND card_states.interval_days IS NOT DISTINCT FROM %(was_interval_days)s::INTEGER AND card_states.due_day IS NOT DISTINCT FROM %(was_due_day)s::DATE AND card_states.last_review_day IS NOT DISTINCT FROM %(was_last_review_day)s::DATE AND card_states.introduced_day IS NOT DISTINCT FROM %(was_introduced_day)s::DATE AND card_states.review_count IS NOT DISTINCT FROM %(was_review_count)s::INTEGER AND card_states.lapses IS NOT DISTINCT FROM %(was_lapses)s::INTEGER RETURNING card_states.card_id), logged AS (INSERT INTO reviews (card_id, session_id, reviewed_at, practice_day, grade, duration_ms, drill, repetitions_before, easiness_before, interval_before, due_before, repetitions_after, easiness_after, interval_after, due_after) SELECT changed.card_id AS card_id, CAST(%(session_id)s AS INTEGER) AS anon_1, CAST(%(reviewed_at)s AS TIMESTAMP WITHOUT TIME ZONE) AS anon_2, CAST(%(practice_day)s AS DATE) AS anon_3, CAST(%(grade)s AS INTEGER) AS anon_4, CAST(%(duration_ms)s AS INTEGER) AS anon_5, CAST(%(drill)s AS BOOLEAN) AS anon_6, CAST(%(repetitions_before)s AS INTEGER) AS anon_7, CAST(%(easiness_before)s AS INTEGER) AS anon_8, CAST(%(interval_before)s AS INTEGER) AS anon_9, CAST(%(due_before)s AS DATE) AS anon_10, CAST(%(repetitions_after)s AS INTEGER) AS anon_11, CAST(%(easiness_after)s AS INTEGER) AS anon_12, CAST(%(interval_after)s AS INTEGER) AS anon_13, CAST(%(due_after)s AS DATE) AS anon_14 FROM changed RETURNING reviews.id, reviews.card_id) SELECT logged.id FROM logged",
    answer_with_reflection_on_server="WITH changed AS (UPDATE card_states SET repetitions=%(new_repetitions)s::INTEGER, easiness_hundredths=%(new_easiness_hundredths)s::INTEGER, interval_days=%(new_interval_days)s::INTEGER, due_day=%(new_due_day)s::DATE, introduced_day=%(new_introduced_day)s::DATE, last_review_day=%(new_last_review_day)s::DATE, review_count=%(new_review_count)s::INTEGER, lapses=%(new_lapses)s::INTEGER WHERE card_states.card_id = %(card_id)s::VARCHAR AND card_states.repetitions IS NOT DISTINCT FROM %(was_repetitions)s::INTEGER AND card_states.easiness_hundredths IS NOT DISTINCT FROM %(was_easiness_hundredths)s::INTEGER AND card_states.interval_days IS NOT DISTINCT FROM %(was_interval_days)s::INTEGER AND card_states.due_day IS NOT DISTINCT FROM %(was_due_day)s::DATE AND card_states.last_review_day IS NOT DISTINCT FROM %(was_last_review_day)s::DATE AND card_states.introduced_day IS NOT DISTINCT FROM %(was_introduced_day)s::DATE AND card_states.review_count IS NOT DISTINCT FROM %(was_review_count)s::INTEGER AND card_states.lapses IS NOT DISTINCT FROM %(was_lapses)s::INTEGER RETURNING card_states.card_id), logged AS (INSERT INTO reviews (card_id, session_id, reviewed_at, practice_day, grade, duration_ms, drill, repetitions_before, easiness_before, interval_before, due_before, repetitions_after, easiness_after, interval_after, due_after) SELECT changed.card_id AS card_id, CAST(%(session_id)s AS INTEGER) AS anon_7, CAST(%(reviewed_at)s AS TIMESTAMP WITHOUT TIME ZONE) AS anon_8, CAST(%(practice_day)s AS DATE) AS anon_9, CAST(%(grade)s AS INTEGER) AS anon_10, CAST(%(duration_ms)s AS INTEGER) AS anon_11, CAST(%(drill)s AS BOOLEAN) AS anon_12, CAST(%(repetitions_before)s AS INTEGER) AS anon_13, CAST(%(easiness_before)s AS INTEGER) AS anon_14, CAST(%(interval_before)s AS INTEGER) AS anon_15, CAST(%(due_before)s AS DATE) AS anon_16, CAST(%(repetitions_after)s AS INTEGER) AS anon_17, CAST(%(easiness_after)s AS INTEGER) AS anon_18, CAST(%(interval_after)s AS INTEGER) AS anon_19, CAST(%(due_after)s AS DATE) AS anon_20 FROM changed RETURNING reviews.id, reviews.card_id), entry AS (INSERT INTO journal_entries (kind, card_id, review_id, session_id, practice_day, created_at, updated_at, text, shared) SELECT 'reflection', logged.card_id AS card_id, logged.id AS id, CAST(%(session_id)s AS INTEGER) AS anon_1, CAST(%(practice_day)s AS DATE) AS anon_2, CAST(%(created_at)s AS TIMESTAMP WITHOUT TIME ZONE) AS anon_3, CAST(%(updated_at)s AS TIMESTAMP WITHOUT TIME ZONE) AS anon_4, CAST(%(text)s AS TEXT) AS anon_5, false AS anon_6 FROM logged) SELECT logged.id FROM logged",
)
