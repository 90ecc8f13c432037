"""The embedded event database (DuckDB): canonical events merged across articles.

    >>> from veille.store import Store
    >>> with Store("events.duckdb") as store:           # doctest: +SKIP
    ...     store.add_document(article, events)
    ...     for row in store.query(country="MLI"):
    ...         print(row["event_id"], row["source_count"])

The command-line side is :mod:`veille.store.commands`; the merge rules are in :mod:`veille.dedup`.
"""

from veille.store.db import Store, content_hash, default_db_path, event_from_dict

__all__ = ["Store", "content_hash", "default_db_path", "event_from_dict"]
