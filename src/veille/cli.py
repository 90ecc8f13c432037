"""The ``veille`` command: thin argument parsing over :mod:`veille.pipeline`."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator

from veille.model import Article, ReadError
from veille.read import INPUT_FORMATS, iter_documents


def _report(err: ReadError) -> None:
    print(f"veille: error: {err}", file=sys.stderr, flush=True)


def _articles(args: argparse.Namespace, counter: list[int]) -> Iterator[Article]:
    """Articles from the command's inputs; errors are reported and skipped."""
    sources = args.inputs or ["-"]
    for item in iter_documents(
        sources,
        input_format=args.input_format,
        published=getattr(args, "published", None),
        lang=getattr(args, "lang", None),
    ):
        if isinstance(item, ReadError):
            _report(item)
            continue
        counter[0] += 1
        yield item


@contextlib.contextmanager
def _output(path: str | None):
    if not path or path == "-":
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            yield f


def cmd_extract(args: argparse.Namespace) -> int:
    from veille.export import make_writer
    from veille.pipeline import Pipeline

    read = [0]
    pipeline = Pipeline(workers=args.workers, similar_reports=not args.no_similar_reports)
    with _output(args.output) as out:
        writer = make_writer(args.format, out)
        for result in pipeline.run(_articles(args, read)):
            if isinstance(result, ReadError):
                _report(result)
                continue
            for event in result.events:
                writer.write(event.to_dict())
        writer.close()
    return 0 if read[0] else 1


def cmd_read(args: argparse.Namespace) -> int:
    from veille.export import JsonlWriter

    read = [0]
    with _output(args.output) as out:
        writer = JsonlWriter(out)
        for article in _articles(args, read):
            writer.write(article.to_dict())
        writer.close()
    return 0 if read[0] else 1


def cmd_geoparse(args: argparse.Namespace) -> int:
    from veille.export import JsonlWriter
    from veille.geo import geoparse

    read = [0]
    with _output(args.output) as out:
        writer = JsonlWriter(out)
        for article in _articles(args, read):
            try:
                toponyms = geoparse(article.text, lang=article.lang)
            except Exception as exc:  # one bad document never stops the batch
                _report(ReadError(article.doc_id, f"geoparse failed: {exc}"))
                continue
            writer.write({"doc_id": article.doc_id, "toponyms": [t.to_dict() for t in toponyms]})
        writer.close()
    return 0 if read[0] else 1


def cmd_store(args: argparse.Namespace) -> int:
    from veille.store import commands

    return getattr(commands, args.command)(args, articles=lambda counter: _articles(args, counter))


SIMILAR_HELP = (
    "place each document by its own words only; by default a report that names no known place, or "
    "only a town name several countries share, takes the country of similar reports placed earlier in the run"
)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="veille", description="News in, ACLED-style political-violence events out.")
    sub = p.add_subparsers(dest="command", required=True)

    def inputs(sp: argparse.ArgumentParser, nargs: str = "*") -> None:
        sp.add_argument("inputs", nargs=nargs, metavar="PATH|URL|-", help="inputs (default: stdin)")
        sp.add_argument("--input-format", default="auto", choices=INPUT_FORMATS)

    ex = sub.add_parser("extract", help="code the events of each document")
    inputs(ex)
    ex.add_argument("--published", help="publication date (YYYY-MM-DD) for documents that carry none")
    ex.add_argument("--lang", default="auto", choices=["auto", "fr", "en"])
    ex.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "geojson"])
    ex.add_argument("-o", "--output", help="output file (default: stdout)")
    ex.add_argument("--workers", type=int, default=1, help="worker processes (output order is kept)")
    ex.add_argument("--no-similar-reports", action="store_true", help=SIMILAR_HELP)
    ex.set_defaults(func=cmd_extract)

    gp = sub.add_parser("geoparse", help="find and resolve place names")
    inputs(gp)
    gp.add_argument("--format", default="jsonl", choices=["jsonl"])
    gp.add_argument("-o", "--output")
    gp.set_defaults(func=cmd_geoparse)

    rd = sub.add_parser("read", help="print the cleaned article text of each document")
    inputs(rd)
    rd.add_argument("--format", default="jsonl", choices=["jsonl"])
    rd.add_argument("-o", "--output")
    rd.set_defaults(func=cmd_read)

    ing = sub.add_parser("ingest", help="read, extract and deduplicate into a database")
    inputs(ing, nargs="+")
    ing.add_argument("--db", help="database file (default: in the user data directory)")
    ing.add_argument("--published")
    ing.add_argument("--lang", default="auto", choices=["auto", "fr", "en"])
    ing.add_argument("--workers", type=int, default=1)
    ing.add_argument("--no-similar-reports", action="store_true", help=SIMILAR_HELP)
    ing.set_defaults(func=cmd_store)

    evs = sub.add_parser("events", help="query canonical events")
    evs.add_argument("--db")
    evs.add_argument("--since", help="first event date (YYYY-MM-DD)")
    evs.add_argument("--until", help="last event date (YYYY-MM-DD)")
    evs.add_argument("--country", help="ISO3 code or country name")
    evs.add_argument("--event-type")
    evs.add_argument("--actor", help="substring of actor1/actor2")
    evs.add_argument("--bbox", help="min_lon,min_lat,max_lon,max_lat")
    evs.add_argument("--text", help="free-text search in notes and actors")
    evs.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "geojson"])
    evs.add_argument("-o", "--output")
    evs.set_defaults(func=cmd_store)

    exp = sub.add_parser("export", help="export canonical events")
    exp.add_argument("--db")
    exp.add_argument("--format", required=True, choices=["csv", "jsonl", "geojson", "parquet"])
    exp.add_argument("-o", "--output")
    exp.set_defaults(func=cmd_store)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
