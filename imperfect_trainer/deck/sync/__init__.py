"""Practise anywhere: a person's collection on every computer they use, synced through their
programme's PostgreSQL server (the hub), nothing lost and nothing twice (issue 25).

Pure: ``clock`` (the hybrid logical clock), ``event_ids`` (UUIDv7), ``events`` (the events and
their checks), ``answer_replay`` (a card's schedule from its merged answers), ``entry_merge``
(a journal entry from its versions, both texts kept). On the SQLite collection:
``side_tables`` (the bookkeeping made by joining), ``stored_events`` (the events held here),
``stamping`` (local changes as events, and a moved history as the server's), ``downloads``
(the hub's events kept, then merged), ``card_replay`` (cards replayed from their merged
answers and fresh starts), ``local_fresh_starts`` ("Start this card fresh" noted here and
replayed), ``local_entries``, ``local_goals``, ``local_cards`` (own cards, notes, suspensions),
``local_sessions`` (debriefs' practices) and ``versioned_rows`` (such rows merged and written
back), ``local_settings`` (the person's settings), ``shared_summary`` (what the supervisor may
see). On the hub: ``hub_side`` (the events), ``hub_publication`` (the supervisor's rows).
``run``: one sync.
"""
