"""Practise anywhere: a person's collection on every computer they use, synced through their
programme's PostgreSQL server (the hub), nothing lost and nothing twice (issue 25).

Pure: ``clock`` (the hybrid logical clock), ``event_ids`` (UUIDv7), ``events`` (the events and
their checks), ``answer_replay`` (a card's schedule from its merged answers), ``entry_merge``
(a journal entry from its versions, both texts kept). With state: ``local_side`` (the SQLite
collection's bookkeeping and merge), ``hub_side`` (the hub's tables), ``run`` (one sync).
"""
