"""Readers: files, stdin, JSONL, WARC, feeds and bad input (fixtures generated here)."""

from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from veille.model import Article, ReadError
from veille.read import INPUT_FORMATS, iter_documents, read_one
from veille.read.sniff import sniff

PARA = (
    "Des manifestants se sont rassemblés samedi devant la préfecture de Rennes pour protester contre "
    "la fermeture de la maternité, à l'appel de plusieurs syndicats et associations de patients."
)
PARA2 = (
    "La police a fait usage de gaz lacrymogène en fin de journée, a indiqué la préfecture, qui fait état "
    "de deux interpellations et d'un policier légèrement blessé."
)


def page(body: str = PARA, date: str = "2022-05-14") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Rennes</title>'
        f'<meta property="article:published_time" content="{date}T09:00:00Z"></head>'
        f"<body><article><h1>Manifestation à Rennes</h1><p>{body}</p><p>{PARA2}</p></article></body></html>"
    )


def warc_record(uri: str, html: str, ctype: str = "text/html; charset=utf-8") -> bytes:
    body = html.encode()
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2022-05-15T10:00:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def items(*sources, **kw):
    return list(iter_documents([str(s) for s in sources], **kw))


def test_input_formats_are_public():
    assert INPUT_FORMATS == ("auto", "text", "html", "jsonl", "warc", "feed")


def test_html_file(tmp_path):
    path = tmp_path / "rennes.html"
    path.write_text(page(), encoding="utf-8")
    [article] = items(path)
    assert isinstance(article, Article)
    assert PARA in article.text and PARA2 in article.text
    assert article.published == "2022-05-14"
    assert article.doc_id == str(path)
    assert read_one(str(path), input_format="html").text == article.text


def test_text_and_stdin(tmp_path, monkeypatch):
    path = tmp_path / "note.txt"
    path.write_text(PARA + "\nÀ lire aussi : Nantes, la grève continue\n", encoding="utf-8")
    [article] = items(path, published="2022-05-15")
    assert article.text == PARA
    assert article.published == "2022-05-15"
    assert article.cuts and article.cuts[0].rule == "teaser"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(PARA.encode()))))
    [article] = items("-")
    assert article.text == PARA and article.doc_id == "-"


def test_jsonl_text_html_and_bad_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": PARA, "published": "2022-05-14", "lang": "fr"}),
        "{not json",
        json.dumps({"id": "b", "html": page(PARA2)}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "c"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = items(path)
    assert [type(x).__name__ for x in out] == ["Article", "ReadError", "Article", "ReadError", "ReadError"]
    assert out[0].text == PARA and out[0].published == "2022-05-14"
    assert PARA2 in out[2].text
    assert "malformed JSON" in out[1].message and out[1].source.endswith(":2")


def test_jsonl_gz(tmp_path):
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"id": "z", "text": PARA}) + "\n").encode()))
    [article] = items(path)
    assert article.doc_id == "z"


@pytest.mark.parametrize("compress", [False, True])
def test_warc(tmp_path, compress):
    data = (
        warc_record("https://news.example.org/a", page())
        + warc_record("https://news.example.org/logo.png", "PNG", "image/png")
        + warc_record("https://news.example.org/b", page(PARA2))
    )
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    path.write_bytes(gzip.compress(data) if compress else data)
    out = items(path)
    assert [a.doc_id for a in out] == ["https://news.example.org/a", "https://news.example.org/b"]
    assert all(isinstance(a, Article) for a in out)
    assert out[0].url == "https://news.example.org/a"


def test_feed_with_full_content(tmp_path):
    content = "".join(f"<p>{PARA} {PARA2}</p>" for _ in range(4))
    rss = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Infos</title>
<item><title>Manifestation à Rennes</title><link>https://news.example.org/rennes</link>
<pubDate>Sat, 14 May 2022 09:00:00 GMT</pubDate><content:encoded><![CDATA[{content}]]></content:encoded></item>
</channel></rss>"""
    path = tmp_path / "news.rss"
    path.write_text(rss, encoding="utf-8")
    [article] = items(path)
    assert isinstance(article, Article)
    assert article.title == "Manifestation à Rennes"
    assert article.published == "2022-05-14"
    assert PARA in article.text


def test_sniff():
    assert sniff("x", b"WARC/1.0\r\n") == "warc"
    assert sniff("x", b'{"id": 1}') == "jsonl"
    assert sniff("x", b'<?xml version="1.0"?><rss version="2.0">') == "feed"
    assert sniff("x", b"<!doctype html><html>") == "html"
    assert sniff("x", b"Hello") == "text"
    assert sniff("x", gzip.compress(b"WARC/1.0\r\n")) == "warc"


# --- bad input: one error each, the batch goes on --------------------------------------


def test_bad_inputs_each_give_one_error_and_the_batch_continues(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PARA, encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n")
    bad_warc = tmp_path / "bad.warc"
    bad_warc.write_bytes(b"WARC/1.0\r\nthis is not a record\r\n\r\n")
    bad_feed = tmp_path / "bad.rss"
    bad_feed.write_bytes(b'<?xml version="1.0"?><rss><channel><item><title>oops</')
    missing = tmp_path / "missing.html"
    out = items(binary, empty, bad_warc, bad_feed, missing, good)
    errors, articles = out[:-1], out[-1:]
    assert all(isinstance(e, ReadError) for e in errors), errors
    assert [e.source for e in errors] == [str(p) for p in (binary, empty, bad_warc, bad_feed, missing)]
    assert all("\n" not in str(e) for e in errors)
    assert "binary" in errors[0].message
    assert "empty" in errors[1].message
    assert "WARC" in errors[2].message
    assert "feed" in errors[3].message
    assert isinstance(articles[0], Article) and articles[0].text == PARA


def test_wrong_encodings_are_decoded(tmp_path):
    cp = tmp_path / "cp1252.html"  # cp1252 bytes labelled UTF-8
    cp.write_bytes(page().replace("utf-8", "UTF-8").encode("cp1252"))
    utf = tmp_path / "utf8.html"  # UTF-8 bytes labelled cp1252
    utf.write_bytes(page().replace('charset="utf-8"', 'charset="windows-1252"').encode("utf-8"))
    for article in items(cp, utf):
        assert isinstance(article, Article)
        assert PARA in article.text


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper
    [err] = items(path)
    assert isinstance(err, ReadError) and "too large" in err.message


def test_size_cap_on_text(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(PARA * 100, encoding="utf-8")
    [err] = items(path, max_bytes=1000)
    assert "too large" in err.message
