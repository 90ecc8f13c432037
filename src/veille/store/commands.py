"""The ``ingest``, ``events`` and ``export`` subcommands (called by :func:`veille.cli.cmd_store`).

Each takes the parsed arguments and ``articles``, a function ``counter -> Iterator[Article]`` that
reads the command's inputs (reporting and skipping bad ones, counting good ones in ``counter[0]``),
and returns the exit code.

    veille ingest news/*.jsonl --db events.duckdb
    veille events --db events.duckdb --country MLI --since 2024-03-01 --format csv
    veille export --db events.duckdb --format parquet -o events.parquet
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from veille.model import Article, ReadError
from veille.store.db import Store, content_hash

ArticlesFn = Callable[[list[int]], Iterator[Article]]


def _say(message: str) -> None:
    print(f"veille: {message}", file=sys.stderr, flush=True)


def make_pipeline(workers: int = 1, similar_reports: bool = True) -> Any:
    """The extraction pipeline used by ``ingest`` (replaceable in tests)."""
    from veille.pipeline import Pipeline

    return Pipeline(workers=workers, similar_reports=similar_reports)


def ingest(args: argparse.Namespace, articles: ArticlesFn) -> int:
    """Read, extract and deduplicate the inputs into the database; already-stored documents are skipped."""
    from tqdm import tqdm

    counter = [0]
    stats = {"added": 0, "replaced": 0, "skipped": 0, "failed": 0}
    try:
        store = Store(args.db)
    except Exception as exc:  # locked by another process, not a DuckDB file, other schema version
        _say(f"error: cannot open database: {exc}")
        return 1
    with store:
        known = store.known_documents()

        def todo() -> Iterator[Article]:
            for article in articles(counter):
                if known.get(article.doc_id) == content_hash(article):
                    stats["skipped"] += 1
                    continue
                yield article

        pipeline = make_pipeline(getattr(args, "workers", 1) or 1, not getattr(args, "no_similar_reports", False))
        tty = sys.stderr.isatty()
        for result in tqdm(pipeline.run(todo()), desc="ingest", unit="doc", disable=not tty):
            if isinstance(result, ReadError):
                _say(f"error: {result}")
                stats["failed"] += 1
                continue
            try:
                status = store.add_document(result.article, result.events)
            except Exception as exc:  # one bad document never stops the batch
                _say(f"error: {result.article.doc_id}: could not store: {exc}")
                stats["failed"] += 1
                continue
            stats[status] += 1
            known[result.article.doc_id] = content_hash(result.article)
        if tty:
            counts = store.counts()
            _say(
                f"{stats['added']} added, {stats['replaced']} replaced, {stats['skipped']} unchanged, "
                f"{stats['failed']} failed; {counts['canonical']} events from {counts['documents']} documents in {store.path}"
            )
    return 0 if counter[0] else 1


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    parts = [float(p) for p in value.split(",")]
    if len(parts) != 4:
        raise ValueError("--bbox needs min_lon,min_lat,max_lon,max_lat")
    return parts[0], parts[1], parts[2], parts[3]


@contextlib.contextmanager
def _text_output(path: str | None):
    if not path or path == "-":
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            yield f


def _writer(fmt: str, out):
    from veille.export import make_writer
    from veille.export.acled import AcledCsvWriter

    return AcledCsvWriter(out) if fmt == "csv" else make_writer(fmt, out)


def _open(args: argparse.Namespace) -> Store | None:
    try:
        return Store(args.db, read_only=True)
    except FileNotFoundError as exc:
        _say(f"error: {exc}")
    except Exception as exc:  # a locked or corrupt file
        _say(f"error: cannot open database: {exc}")
    return None


def _write(rows, fmt: str, output: str | None) -> int:
    if fmt == "parquet":
        from veille.export.parquet import write_parquet

        if not output or output == "-":
            if sys.stdout.isatty():
                _say("error: parquet is binary: give -o FILE")
                return 2
            write_parquet(rows, sys.stdout.buffer)
        else:
            write_parquet(rows, output)
        return 0
    with _text_output(output) as out:
        writer = _writer(fmt, out)
        for row in rows:
            writer.write(row)
        writer.close()
    return 0


def events(args: argparse.Namespace, articles: ArticlesFn | None = None) -> int:
    """Write the canonical events matching the filters."""
    try:
        bbox = _bbox(args.bbox)
        for flag, value in (("--since", args.since), ("--until", args.until)):
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise ValueError(f"{flag} needs a date YYYY-MM-DD, not {value!r}") from None
    except ValueError as exc:
        _say(f"error: {exc}")
        return 2
    store = _open(args)
    if store is None:
        return 1
    with store:
        rows = store.query(
            since=args.since,
            until=args.until,
            country=args.country,
            event_type=args.event_type,
            actor=args.actor,
            bbox=bbox,
            text=args.text,
        )
        return _write(rows, args.format, args.output)


def export(args: argparse.Namespace, articles: ArticlesFn | None = None) -> int:
    """Write every canonical event (csv in ACLED's column order, jsonl, geojson or parquet)."""
    store = _open(args)
    if store is None:
        return 1
    with store:
        return _write(store.query(), args.format, args.output)
