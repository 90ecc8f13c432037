"""Crash safety: SIGKILL ``veille ingest`` mid-run, run it again: nothing lost, nothing duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from veille.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "multi_article"
CORPUS = FIXTURES / "articles.jsonl"

RUNNER = f"""
import sys
sys.path.insert(0, {str(FIXTURES)!r})
import oracle
from veille import cli
from veille.store import commands

class Loud(oracle.OraclePipeline):
    def run(self, articles):
        for i, result in enumerate(super().run(articles)):
            print(f"doc {{i}}", file=sys.stderr, flush=True)
            yield result

commands.make_pipeline = lambda workers=1, similar_reports=True: Loud(delay=float(sys.argv[1]))
if float(sys.argv[1]) < 0:  # stall inside the transaction, after a canonical event was written
    import time
    from veille.store import db

    original = db.Store._write_canonical

    def stalled(self, cluster, first_seq):
        original(self, cluster, first_seq)
        print("doc in-transaction", file=sys.stderr, flush=True)
        time.sleep(0.3)

    db.Store._write_canonical = stalled
    commands.make_pipeline = lambda workers=1, similar_reports=True: Loud(delay=0)
sys.exit(cli.main(sys.argv[2:]))
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def ingest(runner: Path, db: Path, delay: float = 0.0, kill_after: int | None = None) -> int | None:
    cmd = [sys.executable, str(runner), str(delay), "ingest", str(CORPUS), "--db", str(db)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    if kill_after is None:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        return proc.returncode
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("doc in-transaction"):
            kill_after -= 1
            if kill_after <= 0:
                break
        elif line.startswith("doc ") and int(line.split()[1]) >= kill_after:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return None


def snapshot(db: Path):
    with Store(db, read_only=True) as store:
        mentions = sorted((m["doc_id"], m["ordinal"], m["canonical_id"]) for m in store.mentions())
        return list(store.query()), mentions, store.counts()


def test_sigkill_then_rerun_equals_uninterrupted_run(tmp_path):
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    reference, killed = tmp_path / "ref.duckdb", tmp_path / "killed.duckdb"
    ingest(runner, reference)

    ingest(runner, killed, delay=0.01, kill_after=4)
    partial = snapshot(killed)[2]["documents"]
    assert partial < 32
    ingest(runner, killed, delay=0.002, kill_after=9)  # the rerun itself gets killed too
    ingest(runner, killed)

    assert snapshot(killed) == snapshot(reference)
    events, mentions, counts = snapshot(killed)
    assert counts == {"documents": 32, "mentions": 31, "canonical": 13}
    assert len({m[:2] for m in mentions}) == len(mentions)


def test_sigkill_inside_a_transaction_loses_nothing(tmp_path):
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    reference, killed = tmp_path / "ref.duckdb", tmp_path / "killed.duckdb"
    ingest(runner, reference)
    ingest(runner, killed, delay=-1, kill_after=3)  # killed while the 3rd canonical write is uncommitted
    assert snapshot(killed)[2]["documents"] == 2
    ingest(runner, killed)
    assert snapshot(killed) == snapshot(reference)
