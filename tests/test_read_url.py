"""URL reading against a local server (127.0.0.1, in-process thread); never the internet."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from veille.model import Article, ReadError
from veille.read import iter_documents
from veille.read.url import Fetcher, FetchError, FetchPolicy, is_public

PARA = (
    "Plusieurs centaines de personnes ont manifesté dimanche à Bordeaux contre le projet de loi, "
    "à l'appel d'une intersyndicale, sans incident selon la préfecture de la Gironde."
)
PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bordeaux</title>'
    '<meta property="article:published_time" content="2023-01-22"></head>'
    f"<body><article><p>{PARA}</p><p>{PARA}</p></article></body></html>"
).encode()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def send(self, body: bytes, ctype: str = "text/html; charset=utf-8", length: bool = True) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        path = self.path
        if path == "/page":
            self.send(PAGE)
        elif path.startswith("/redirect/"):
            n = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", "/page" if n == 0 else f"/redirect/{n - 1}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/to-file":
            self.send_response(301)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
        elif path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.1.2.3/page")
            self.end_headers()
        elif path == "/image":
            self.send(b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/declared-big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif path == "/streamed-big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 16384 + b"</p>")
            except OSError:
                pass
        elif path == "/slow":
            time.sleep(1.5)
            self.send(PAGE)
        elif path == "/feed":
            port = self.server.server_address[1]
            rss = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                f"<item><title>Bordeaux</title><link>http://127.0.0.1:{port}/page</link>"
                "<description>Manifestation à Bordeaux.</description></item></channel></rss>"
            )
            self.send(rss.encode(), "application/rss+xml")
        else:
            self.send_error(404)


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True
    connections = 0

    def verify_request(self, request, client_address):
        type(self).connections += 1
        return True


@pytest.fixture()
def server():
    srv = CountingServer(("127.0.0.1", 0), Handler)
    CountingServer.connections = 0
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def base(srv) -> str:
    return f"http://127.0.0.1:{srv.server_address[1]}"


LOCAL = Fetcher(FetchPolicy(timeout=0.5, max_bytes=256 * 1024, allow_private=True))


def read(url: str, fetcher: Fetcher | None = LOCAL):
    return list(iter_documents([url], fetcher=fetcher))


def test_loopback_refused_without_connection(server):
    port = server.server_address[1]
    for url in (f"http://127.0.0.1:{port}/page", f"http://localhost:{port}/page", f"http://[::1]:{port}/page"):
        [err] = read(url, fetcher=None)  # the default fetcher: public addresses only
        assert isinstance(err, ReadError) and "refused" in err.message
    assert CountingServer.connections == 0


def test_unsafe_targets():
    assert not any(is_public(a) for a in ("127.0.0.1", "10.0.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1"))
    assert not any(is_public(a) for a in ("::1", "fe80::1", "::ffff:127.0.0.1", "0.0.0.0", "240.0.0.1"))
    assert is_public("93.184.216.34")
    fetcher = Fetcher()
    for url in ("file:///etc/passwd", "ftp://example.org/x", "gopher://x"):
        with pytest.raises(FetchError, match="scheme"):
            fetcher.check(url)
    # A DNS name with one private address among public ones is refused.
    rebinding = Fetcher(resolver=lambda host, port: ["93.184.216.34", "127.0.0.1"])
    with pytest.raises(FetchError, match="non-public"):
        rebinding.check("http://news.example.org/a")


def test_fetch_page(server):
    [article] = read(base(server) + "/page")
    assert isinstance(article, Article)
    assert PARA in article.text and article.published == "2023-01-22"
    assert article.url == base(server) + "/page"


def test_redirects(server):
    [article] = read(base(server) + "/redirect/4")  # 5 redirects in all
    assert isinstance(article, Article)
    [err] = read(base(server) + "/redirect/5")
    assert "too many redirects" in err.message
    [err] = read(base(server) + "/to-file")
    assert "scheme" in err.message


def test_redirect_to_private_is_checked(server):
    seen = []

    def resolver(host, port):
        seen.append(host)
        return ["127.0.0.1"] if host == "127.0.0.1" else ["10.1.2.3"]

    fetcher = Fetcher(FetchPolicy(timeout=0.5), resolver=resolver, allowed=lambda a: a == "127.0.0.1")
    [err] = read(base(server) + "/to-private", fetcher=fetcher)
    assert "refused" in err.message and seen == ["127.0.0.1", "10.1.2.3"]


def test_content_type_size_timeout_and_errors(server):
    [err] = read(base(server) + "/image")
    assert "content type" in err.message
    [err] = read(base(server) + "/declared-big")
    assert "too large" in err.message
    [err] = read(base(server) + "/streamed-big")
    assert "too large" in err.message
    [err] = read(base(server) + "/slow")
    assert "timed out" in err.message
    [err] = read(base(server) + "/missing")
    assert "HTTP 404" in err.message


def test_unreachable_url_and_batch_goes_on(server):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    out = list(iter_documents([f"http://127.0.0.1:{dead}/x", base(server) + "/page"], fetcher=LOCAL))
    assert isinstance(out[0], ReadError) and "unreachable" in out[0].message
    assert isinstance(out[1], Article)


def test_feed_links_are_read_as_articles(server):
    [article] = read(base(server) + "/feed")
    assert isinstance(article, Article)
    assert PARA in article.text
    assert article.doc_id == base(server) + "/page"
