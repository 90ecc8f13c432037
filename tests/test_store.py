"""The DuckDB store and the ingest / events / export commands (hand-coded events, no spaCy)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from veille import cli
from veille.export.acled import ACLED_COLUMNS
from veille.model import Article, Event
from veille.store import Store, commands

FIXTURES = Path(__file__).parent / "fixtures" / "multi_article"
CORPUS = FIXTURES / "articles.jsonl"
sys.path.insert(0, str(FIXTURES))
import oracle  # noqa: E402


@pytest.fixture
def oracle_cli(monkeypatch):
    """Run ``veille`` with the hand-coded events instead of the extractor."""
    monkeypatch.setattr(commands, "make_pipeline", lambda workers=1, similar_reports=True: oracle.OraclePipeline())
    return cli.main


def ingest_corpus(store: Store) -> None:
    for article in oracle.load_articles():
        store.add_document(article, oracle.events_for(article))


def rows(store: Store, **filters) -> list[dict]:
    return list(store.query(**filters))


def test_ingest_merges_and_is_idempotent(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest_corpus(store)
        first = rows(store)
        assert store.counts() == {"documents": 32, "mentions": 31, "canonical": 13}
        statuses = {store.add_document(a, oracle.events_for(a)) for a in oracle.load_articles()}
        assert statuses == {"skipped"}
        assert rows(store) == first
        assert store.counts()["mentions"] == 31
    by_docs = {tuple(s["doc_id"] for s in r["sources"]): r for r in first}
    boulkessi = by_docs[("e1-fr-1", "e1-en-1", "e4-en-1", "e1-en-2")]
    assert boulkessi["source_count"] == 4
    assert boulkessi["fatalities"] == 10  # lowest report
    assert boulkessi["location"] == "Boulkessi" and boulkessi["geo_precision"] == 1
    assert boulkessi["sources"][0] == {
        "doc_id": "e1-fr-1",
        "url": "https://lejour.test/e1-fr-1",
        "published": "2024-03-05",
    }


def test_mentions_record_their_canonical_event(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest_corpus(store)
        dakar = rows(store, country="SEN")
        assert len(dakar) == 2  # the teachers' march and the opposition protest stay apart
        for event in dakar:
            mentions = store.mentions(event["event_id"])
            assert sorted(m["doc_id"] for m in mentions) == sorted(s["doc_id"] for s in event["sources"])
            assert all(m["record"]["doc_id"] == m["doc_id"] for m in mentions)


def test_event_id_stable_when_sources_arrive_later(tmp_path):
    articles = {a.doc_id: a for a in oracle.load_articles()}
    with Store(tmp_path / "db.duckdb") as store:
        store.add_document(articles["e8-en-1"], oracle.events_for(articles["e8-en-1"]))
        (before,) = rows(store)
        store.add_document(articles["e8-fr-1"], oracle.events_for(articles["e8-fr-1"]))
        (after,) = rows(store)
    assert before["event_id"] == after["event_id"]
    assert (before["source_count"], after["source_count"]) == (1, 2)


def test_changed_document_replaces_its_mentions(tmp_path):
    articles = {a.doc_id: a for a in oracle.load_articles()}
    with Store(tmp_path / "db.duckdb") as store:
        for doc in ("e8-en-1", "e8-fr-1"):
            store.add_document(articles[doc], oracle.events_for(articles[doc]))
        (event,) = rows(store)
        revised = Article(doc_id="e8-en-1", text="Football results only.", url=articles["e8-en-1"].url, lang="en")
        assert store.add_document(revised, []) == "replaced"
        (after,) = rows(store)
        assert after["event_id"] == event["event_id"]
        assert [s["doc_id"] for s in after["sources"]] == ["e8-fr-1"]
        assert after["fatalities"] == 23
        store.add_document(Article(doc_id="e8-fr-1", text="Weather.", lang="fr"), [])
        assert rows(store) == []


def test_query_filters(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        ingest_corpus(store)
        assert len(rows(store, country="mli")) == 4
        assert len(rows(store, country="Mali")) == 4
        assert {r["location"] for r in rows(store, since="2024-03-11")} == {"Boulkessi", "Nairobi", "Menaka"}
        assert {r["location"] for r in rows(store, until="2024-03-04")} == {"Port-au-Prince", "Boulkessi"}
        assert {r["location"] for r in rows(store, event_type="Air/drone strike")} == {"El Fasher"}
        assert len(rows(store, event_type="protests")) == 5
        assert {r["location"] for r in rows(store, actor="M23")} == {"Sake"}
        assert {r["country"] for r in rows(store, bbox=(-20.0, 10.0, 5.0, 20.0))} == {"Mali", "Senegal"}
        assert {r["location"] for r in rows(store, text="PASTEF")} == {"Dakar"}


def test_cli_ingest_events_export(oracle_cli, tmp_path, capsys):
    db = str(tmp_path / "db.duckdb")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Des manifestants ont défilé à Lyon."}\n{not json\n', encoding="utf-8")
    assert oracle_cli(["ingest", str(CORPUS), str(bad), str(tmp_path / "missing.jsonl"), "--db", db]) == 0
    err = capsys.readouterr().err
    assert "bad.jsonl:2" in err and "missing.jsonl" in err
    assert oracle_cli(["ingest", str(tmp_path / "missing.jsonl"), "--db", db]) == 1

    assert oracle_cli(["events", "--db", db, "--country", "HTI"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    haiti = json.loads(line)
    assert haiti["source_count"] == 3 and haiti["event_type"] == "Battles"

    out = tmp_path / "events.csv"
    assert oracle_cli(["export", "--db", db, "--format", "csv", "-o", str(out)]) == 0
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert {"event_id", "iso3", "geonameid", "sources", "source_count", "evidence"} <= set(header)
    assert len(table) == 13
    assert json.loads(table[0]["sources"])[0]["doc_id"]

    pq_path = tmp_path / "events.parquet"
    assert oracle_cli(["export", "--db", db, "--format", "parquet", "-o", str(pq_path)]) == 0
    records = pq.read_table(pq_path).to_pylist()
    assert len(records) == 13 and records[0]["source_count"] == len(records[0]["sources"])

    assert oracle_cli(["events", "--db", db, "--format", "geojson", "--event-type", "Protests"]) == 0
    geo = json.loads(capsys.readouterr().out)
    assert len(geo["features"]) == 5 and geo["features"][0]["geometry"]["type"] == "Point"


def test_events_on_missing_db_fails(oracle_cli, tmp_path, capsys):
    assert oracle_cli(["events", "--db", str(tmp_path / "nope.duckdb")]) == 1
    assert "no database" in capsys.readouterr().err


def test_storing_a_bad_event_is_skipped_not_fatal(oracle_cli, tmp_path, monkeypatch, capsys):
    class Broken(oracle.OraclePipeline):
        def run(self, articles):
            for result in super().run(articles):
                if result.article.doc_id == "e2-fr-1":
                    result.events = [Event(doc_id="e2-fr-1", latitude="north")]  # type: ignore[arg-type]
                yield result

    monkeypatch.setattr(commands, "make_pipeline", lambda workers=1, similar_reports=True: Broken())
    db = tmp_path / "db.duckdb"
    assert oracle_cli(["ingest", str(CORPUS), "--db", str(db)]) == 0
    assert "e2-fr-1" in capsys.readouterr().err
    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 31


def test_default_db_path_is_in_user_data_dir(monkeypatch, tmp_path):
    from veille.store import db

    assert db.default_db_path().name == "veille.duckdb"
    assert db.default_db_path().parent.name == "veille"
    monkeypatch.setattr(db, "default_db_path", lambda: tmp_path / "data" / "veille.duckdb")
    with Store() as store:
        assert store.path == tmp_path / "data" / "veille.duckdb"
    assert store.path.exists()


@pytest.mark.slow
def test_ingest_with_the_real_pipeline(tmp_path, capsys):
    """End to end through the extractor: every readable document is recorded, merges are consistent."""
    pytest.importorskip("veille.pipeline")
    db = tmp_path / "db.duckdb"
    assert cli.main(["ingest", str(CORPUS), "--db", str(db)]) == 0
    with Store(db, read_only=True) as store:
        counts = store.counts()
        events = list(store.query())
        mentions = store.mentions()
    assert counts["documents"] + capsys.readouterr().err.count("extraction failed") == 32
    assert counts["canonical"] <= counts["mentions"]
    assert sum(e["source_count"] for e in events) <= len(mentions)
    assert {m["canonical_id"] for m in mentions} == {e["event_id"] for e in events}
    assert cli.main(["ingest", str(CORPUS), "--db", str(db)]) == 0  # nothing new
    with Store(db, read_only=True) as store:
        assert store.counts() == counts
