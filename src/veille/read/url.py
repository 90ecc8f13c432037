"""Fetch a URL safely: public http(s) targets only, bounded in time, size and redirects.

    >>> from veille.read.url import Fetcher
    >>> page = Fetcher().fetch("https://example.org/news/1")
    >>> page.final_url, page.content_type, len(page.body)

Every hop (the first request and each redirect) is checked before any connection: the
scheme must be http or https and the host name must resolve only to public addresses
(no loopback, private, link-local, multicast, reserved or unspecified ones). The request
then goes to the address that was checked (the host name travels in the ``Host`` header
and TLS SNI), so a DNS answer cannot change between the check and the connection.

``Fetcher(policy=FetchPolicy(allow_private=True))`` lifts the address check; only tests,
which serve pages from 127.0.0.1, use it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

ACCEPTED_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "application/warc",
)
REDIRECTS = (301, 302, 303, 307, 308)


class FetchError(ValueError):
    """A URL that could not be fetched (unsafe, unreachable, too large, wrong type)."""


@dataclass(slots=True, frozen=True)
class FetchPolicy:
    """Limits of one fetch. ``allow_private`` is for tests against a local server only."""

    timeout: float = 15.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "veille/0.1 (news reader; +https://github.com/veille)"


@dataclass(slots=True)
class Fetched:
    """A fetched document: its bytes and what the server said about them."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """All IP addresses of ``host`` (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc.strerror})") from None
    return list(dict.fromkeys(info[4][0] for info in infos))


def is_public(address: str) -> bool:
    """True for a globally routable unicast address."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local)


class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy`.

    ``resolver`` (host, port → addresses) and ``allowed`` (address → bool) are injectable
    so that tests can exercise the checks without a network.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        resolver: Resolver = resolve,
        allowed: Callable[[str], bool] = is_public,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self.resolver = resolver
        self.allowed = allowed

    def check(self, url: str) -> tuple[str, str, int, str]:
        """Validate ``url``; returns (scheme, host, port, checked address) or raises FetchError."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise FetchError(f"invalid URL ({exc})") from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise FetchError(f"refused: scheme {scheme or 'none'!r} is not http(s)")
        host = parts.hostname
        if not host:
            raise FetchError("invalid URL (no host)")
        port = port or (443 if scheme == "https" else 80)
        addresses = self.resolver(host, port)
        if not addresses:
            raise FetchError(f"cannot resolve host {host!r}")
        if not self.policy.allow_private:
            for address in addresses:
                if not self.allowed(address):
                    raise FetchError(f"refused: {host} resolves to a non-public address ({address})")
        return scheme, host, port, addresses[0]

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` following at most ``max_redirects`` redirects, each checked."""
        current = url
        with httpx.Client(timeout=self.policy.timeout, follow_redirects=False, trust_env=False) as client:
            for _hop in range(self.policy.max_redirects + 1):
                scheme, host, port, address = self.check(current)
                parts = urlsplit(current)
                ip_host = f"[{address}]" if ":" in address else address
                target = parts._replace(netloc=f"{ip_host}:{port}").geturl()
                default_port = port == (443 if scheme == "https" else 80)
                headers = {
                    "Host": host if default_port else f"{host}:{port}",
                    "User-Agent": self.policy.user_agent,
                    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                }
                extensions = {"sni_hostname": host} if scheme == "https" else {}
                try:
                    with client.stream("GET", target, headers=headers, extensions=extensions) as resp:
                        if resp.status_code in REDIRECTS and resp.headers.get("location"):
                            current = urljoin(current, resp.headers["location"])
                            continue
                        return self._body(url, current, resp)
                except httpx.TimeoutException:
                    raise FetchError(f"timed out after {self.policy.timeout:g} s") from None
                except httpx.HTTPError as exc:
                    raise FetchError(f"unreachable ({type(exc).__name__}: {exc})") from None
        raise FetchError(f"too many redirects (more than {self.policy.max_redirects})")

    def _body(self, url: str, final_url: str, resp: httpx.Response) -> Fetched:
        if resp.status_code >= 400:
            raise FetchError(f"HTTP {resp.status_code}")
        ctype = resp.headers.get("content-type", "")
        mime = ctype.split(";")[0].strip().lower()
        if mime and mime not in ACCEPTED_TYPES:
            raise FetchError(f"unsupported content type {mime!r}")
        cap = self.policy.max_bytes
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"too large ({int(declared)} bytes, limit {cap})")
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"too large (more than {cap} bytes)")
            chunks.append(chunk)
        charset = resp.charset_encoding if mime else None
        return Fetched(url=url, final_url=final_url, content_type=mime, charset=charset, body=b"".join(chunks))
