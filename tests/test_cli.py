"""The command line: outputs per the contract, and bad input handled one document at a time."""

import json
import subprocess
import sys

import pytest

from veille.model import EVENT_FIELDS


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "veille.cli", *args], input=stdin, capture_output=True, timeout=600)


def test_bad_inputs_each_get_one_line_and_exit_nonzero_when_nothing_read(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    missing = tmp_path / "missing.txt"
    proc = run("extract", "--input-format", "text", str(empty), str(binary), str(missing))
    assert proc.returncode != 0
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 3
    for path, line in zip((empty, binary, missing), lines, strict=True):
        assert line.startswith("veille: error:") and str(path) in line


def test_malformed_jsonl_lines_are_skipped(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        '{"id": "a", "text": "Le marché a ouvert ce matin."}\n'
        "{not json\n"
        '{"id": "c"}\n'
        '{"id": "d", "text": "The festival opened on Friday with a concert."}\n',
        encoding="utf-8",
    )
    proc = run("extract", "--input-format", "jsonl", str(path))
    assert proc.returncode == 0
    err = proc.stderr.decode()
    assert f"{path}:2" in err and "malformed JSON" in err
    assert f"{path}:3" in err and "text" in err


@pytest.mark.slow
def test_extract_jsonl_rows_have_every_contract_field(tmp_path):
    path = tmp_path / "docs.jsonl"
    docs = [
        {"id": "en1", "text": "On 3 May 2021, gunmen killed four villagers in Gao, Mali.", "lang": "en"},
        {"id": "fr1", "text": "Des manifestants ont défilé le 9 mai 2020 à Dakar.", "published": "2020-05-10"},
        {"id": "de1", "text": "Am Montag haben Bewaffnete ein Dorf angegriffen und drei Menschen getötet."},
    ]
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    proc = run("extract", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert {r["doc_id"] for r in rows} == {"en1", "fr1"}
    for row in rows:
        assert list(row) == list(EVENT_FIELDS)
    assert "de1" in proc.stderr.decode() and "not coded" in proc.stderr.decode()


@pytest.mark.slow
def test_extract_csv_and_published_flag(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Des hommes armés ont tué trois civils lundi soir près de Gao, au Mali.", encoding="utf-8")
    proc = run("extract", "--format", "csv", "--published", "2015-12-01", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    header, first = proc.stdout.decode().splitlines()[:2]
    assert header.split(",")[:3] == ["event_id", "doc_id", "event_date"]
    assert "2015-11-30" in first


@pytest.mark.slow
def test_sample_article_codes_one_attack_and_nothing_from_the_tail():
    proc = run("extract", "samples/attaque_fr.txt", "--published", "2023-03-14")
    assert proc.returncode == 0, proc.stderr.decode()
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(rows) == 1
    event = rows[0]
    assert event["event_type"] in ("Battles", "Violence against civilians")
    assert event["event_date"] == "2023-03-13"
    assert event["iso3"] == "MLI"
    assert event["fatalities"] == 11
