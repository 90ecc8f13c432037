"""The embedded event database: one DuckDB file, idempotent and crash-safe ingest.

    >>> from veille.store.db import Store
    >>> with Store("events.duckdb") as store:                # doctest: +SKIP
    ...     store.add_document(article, events)               # one transaction per document
    ...     rows = list(store.query(country="MLI", since="2024-03-01"))

Tables (see ``SCHEMA``):

* ``documents``: one row per ingested article with the hash of its content; an article whose
  ``doc_id`` and hash are already there is skipped, so re-ingesting changes nothing. A known
  ``doc_id`` with new content replaces the old version (its mentions are withdrawn first).
* ``mentions``: every event an article reported (the extractor's record, as JSON) and the
  ``canonical_id`` it was merged into: merges are reversible and auditable.
* ``canonical``: one row per real-world event: the merged record (JSON, with ``sources`` and
  ``source_count``) plus flat columns for filtering.

Each document is written in one transaction (document row, its mentions, the canonical events
they touch), so a process killed at any moment leaves the database as it was after the last
complete document; running the same ingest again finishes the job without duplicates.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from veille import dedup
from veille.model import Article, Event, Evidence

SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    url VARCHAR,
    published VARCHAR,
    lang VARCHAR,
    n_events INTEGER,
    seq BIGINT NOT NULL,
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id VARCHAR NOT NULL,       -- doc_id#ordinal
    doc_id VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,          -- 0 = the document's main event
    canonical_id VARCHAR NOT NULL,     -- canonical.event_id it was merged into
    seq BIGINT NOT NULL,
    event_date DATE,
    iso3 VARCHAR,
    record JSON NOT NULL               -- the extractor's event record
);
CREATE TABLE IF NOT EXISTS canonical (
    event_id VARCHAR NOT NULL,
    event_date DATE,
    event_type VARCHAR,
    sub_event_type VARCHAR,
    actor1 VARCHAR,
    actor2 VARCHAR,
    assoc_actor_1 VARCHAR,
    assoc_actor_2 VARCHAR,
    iso3 VARCHAR,
    country VARCHAR,
    admin1 VARCHAR,
    location VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geonameid BIGINT,
    notes VARCHAR,
    fatalities INTEGER,
    source_count INTEGER,
    first_seq BIGINT NOT NULL,
    updated_at TIMESTAMP,
    record JSON NOT NULL               -- the canonical event record, with sources and source_count
);
"""

#: how far (days) around a mention's date canonical candidates are fetched; >= the widest dedup window
_FETCH_DAYS = max(v for v in dedup.DATE_WINDOW.values()) + 7
#: how far (km) around a mention's coordinates canonical candidates are fetched; >= the widest dedup radius
_FETCH_KM = max(v for v in dedup.PLACE_RADIUS_KM.values()) + 10


def default_db_path() -> Path:
    """``<user data dir>/veille/veille.duckdb`` (platformdirs)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("veille")) / "veille.duckdb"


def content_hash(article: Article) -> str:
    """Hash of what extraction depends on: text, publication date, URL and language."""
    payload = json.dumps([article.text, article.published, article.url, article.lang], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def event_from_dict(d: dict[str, Any]) -> Event:
    """Rebuild an :class:`Event` from its ``to_dict()`` form (extra keys such as ``sources`` ignored)."""
    fields = {k: v for k, v in d.items() if k in Event.__dataclass_fields__ and k != "evidence"}
    event = Event(**fields)
    event.evidence = [
        Evidence(**{k: v for k, v in e.items() if k in Evidence.__dataclass_fields__}) for e in d.get("evidence") or []
    ]
    return event


def _mention_record(event: Event, article: Article) -> Event:
    """The event as a mention: the article's id, language, URL and date filled in where missing."""
    event.doc_id = event.doc_id or article.doc_id
    event.lang = event.lang or article.lang
    event.source_url = event.source_url or article.url
    event.published = event.published or article.published
    return event


def _date_or_none(value: str | None) -> str | None:
    day = dedup._day(value)
    return day.isoformat() if day else None


class Store:
    """A DuckDB event database. Use as a context manager; ``read_only`` for queries."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False):
        self.path = Path(path) if path else default_db_path()
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no database at {self.path}")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if row is None:
                self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
            elif row[0] != SCHEMA_VERSION:
                self.con.close()
                raise RuntimeError(f"{self.path}: schema version {row[0]}, this veille needs {SCHEMA_VERSION}")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------------ ingest

    def known_documents(self) -> dict[str, str]:
        """``doc_id -> content_hash`` of every ingested document."""
        return dict(self.con.execute("SELECT doc_id, content_hash FROM documents").fetchall())

    def add_document(self, article: Article, events: Sequence[Event]) -> str:
        """Store one document's events and merge them into canonical events, in one transaction.

        Returns ``"skipped"`` (same doc_id and content already stored), ``"replaced"`` or ``"added"``.
        """
        digest = content_hash(article)
        self.con.begin()
        try:
            row = self.con.execute("SELECT content_hash FROM documents WHERE doc_id = ?", [article.doc_id]).fetchone()
            if row and row[0] == digest:
                self.con.rollback()
                return "skipped"
            status = "added"
            if row:
                self._withdraw(article.doc_id)
                status = "replaced"
            seq = self.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
            for ordinal, event in enumerate(events):
                self._add_mention(_mention_record(event, article), article.doc_id, ordinal, seq)
            self.con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [article.doc_id, digest, article.url, article.published, article.lang, len(events), seq, _now()],
            )
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return status

    def _add_mention(self, mention: Event, doc_id: str, ordinal: int, seq: int) -> None:
        clusters = self._candidates(mention)
        target = dedup.best_cluster(mention, clusters)
        if target is None:
            cid = dedup.canonical_id(mention, ordinal)
            if mention.event_id and self._canonical_exists(cid):
                cid = dedup.canonical_id(Event(doc_id=mention.doc_id), ordinal)
            target = dedup.Cluster(cid)
            first_seq = seq
        else:
            first_seq = None
        target.add(mention)
        self.con.execute(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                f"{doc_id}#{ordinal}",
                doc_id,
                ordinal,
                target.event_id,
                seq,
                _date_or_none(mention.event_date),
                mention.iso3,
                json.dumps(mention.to_dict(), ensure_ascii=False),
            ],
        )
        self._write_canonical(target, first_seq)

    def _canonical_exists(self, event_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM canonical WHERE event_id = ?", [event_id]).fetchone() is not None

    def _candidates(self, mention: Event) -> list[dedup.Cluster]:
        """Canonical events the mention could belong to (same or unknown country, nearby date), oldest first."""
        day, _ = dedup.event_day(mention)
        sql = "SELECT event_id FROM canonical WHERE (iso3 IS NULL OR ? IS NULL OR iso3 = ?)"
        params: list[Any] = [mention.iso3, mention.iso3]
        if day is not None:
            sql += " AND (event_date IS NULL OR abs(date_diff('day', event_date, ?::DATE)) <= ?)"
            params += [day.isoformat(), _FETCH_DAYS]
        if not dedup.vague_place(mention) and mention.latitude is not None and mention.longitude is not None:
            # a superset of the places pair_score accepts: within ~150 km, same admin1 or name, or vague
            dlat = _FETCH_KM / 111.0
            dlon = dlat / max(0.05, math.cos(math.radians(mention.latitude)))
            sql += (
                " AND (latitude IS NULL OR location IS NULL OR lower(location) = lower(country)"
                " OR (abs(latitude - ?) <= ? AND abs(longitude - ?) <= ?)"
                " OR lower(admin1) = lower(?) OR lower(location) = lower(?) OR geonameid = ?)"
            )
            params += [
                mention.latitude,
                dlat,
                mention.longitude,
                dlon,
                mention.admin1,
                mention.location,
                mention.geonameid,
            ]
        sql += " ORDER BY first_seq, event_id"
        ids = [r[0] for r in self.con.execute(sql, params).fetchall()]
        return self._load_clusters(ids)

    def _load_clusters(self, ids: list[str]) -> list[dedup.Cluster]:
        if not ids:
            return []
        rows = self.con.execute(
            "SELECT canonical_id, record FROM mentions WHERE list_contains(?, canonical_id) ORDER BY seq, ordinal",
            [ids],
        ).fetchall()
        members: dict[str, list[Event]] = {i: [] for i in ids}
        for cid, record in rows:
            members[cid].append(event_from_dict(json.loads(record)))
        clusters = []
        for cid in ids:
            if members[cid]:
                cluster = dedup.Cluster(cid, members[cid])
                cluster.canonical = dedup.merge_mentions(cluster.mentions, cid)
                clusters.append(cluster)
        return clusters

    def _write_canonical(self, cluster: dedup.Cluster, first_seq: int | None) -> None:
        record = dedup.canonical_record(cluster)
        if first_seq is None:
            first_seq = self.con.execute(
                "SELECT first_seq FROM canonical WHERE event_id = ?", [cluster.event_id]
            ).fetchone()[0]
        self.con.execute("DELETE FROM canonical WHERE event_id = ?", [cluster.event_id])
        self.con.execute(
            "INSERT INTO canonical VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                record["event_id"],
                _date_or_none(record["event_date"]),
                record["event_type"],
                record["sub_event_type"],
                record["actor1"],
                record["actor2"],
                record["assoc_actor_1"],
                record["assoc_actor_2"],
                record["iso3"],
                record["country"],
                record["admin1"],
                record["location"],
                record["latitude"],
                record["longitude"],
                record["geonameid"],
                record["notes"],
                record["fatalities"],
                record["source_count"],
                first_seq,
                _now(),
                json.dumps(record, ensure_ascii=False),
            ],
        )

    def _withdraw(self, doc_id: str) -> None:
        """Remove a document and its mentions; rebuild (or drop) the canonical events they were in."""
        affected = [
            r[0]
            for r in self.con.execute(
                "SELECT DISTINCT canonical_id FROM mentions WHERE doc_id = ?", [doc_id]
            ).fetchall()
        ]
        self.con.execute("DELETE FROM mentions WHERE doc_id = ?", [doc_id])
        self.con.execute("DELETE FROM documents WHERE doc_id = ?", [doc_id])
        remaining = {c.event_id: c for c in self._load_clusters(affected)}
        for cid in affected:
            if cid in remaining:
                self._write_canonical(remaining[cid], None)
            else:
                self.con.execute("DELETE FROM canonical WHERE event_id = ?", [cid])

    # ------------------------------------------------------------------ query

    def query(
        self,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        text: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Canonical event records matching every given filter, by date then ingest order."""
        where, params = ["TRUE"], []
        if since:
            where.append("event_date >= ?::DATE")
            params.append(since)
        if until:
            where.append("event_date <= ?::DATE")
            params.append(until)
        if country:
            where.append("(upper(iso3) = upper(?) OR lower(country) = lower(?))")
            params += [country, country]
        if event_type:
            where.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
            params += [event_type, event_type]
        if actor:
            where.append("concat_ws(' | ', actor1, actor2, assoc_actor_1, assoc_actor_2) ILIKE ?")
            params.append(f"%{actor}%")
        if bbox:
            min_lon, min_lat, max_lon, max_lat = bbox
            where.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
            params += [min_lon, max_lon, min_lat, max_lat]
        if text:
            where.append(
                "concat_ws(' | ', notes, actor1, actor2, assoc_actor_1, assoc_actor_2, location, country) ILIKE ?"
            )
            params.append(f"%{text}%")
        sql = f"SELECT record FROM canonical WHERE {' AND '.join(where)} ORDER BY event_date NULLS LAST, first_seq, event_id"
        cursor = self.con.execute(sql, params)
        while rows := cursor.fetchmany(1000):
            for (record,) in rows:
                yield json.loads(record)

    def mentions(self, canonical_id: str | None = None) -> list[dict[str, Any]]:
        """Every stored mention (``doc_id``, ``ordinal``, ``canonical_id``, ``record``), optionally of one event."""
        sql = "SELECT doc_id, ordinal, canonical_id, record FROM mentions"
        params: list[Any] = []
        if canonical_id:
            sql += " WHERE canonical_id = ?"
            params.append(canonical_id)
        rows = self.con.execute(sql + " ORDER BY seq, ordinal", params).fetchall()
        return [{"doc_id": d, "ordinal": o, "canonical_id": c, "record": json.loads(r)} for d, o, c, r in rows]

    def counts(self) -> dict[str, int]:
        """Number of documents, mentions and canonical events."""
        return {
            t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "mentions", "canonical")
        }


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
