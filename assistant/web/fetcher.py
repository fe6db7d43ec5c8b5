"""One polite, safe HTTP client for the URLs people give newsdesk (articles, feeds).

Only http and https. Every host is resolved here and the connection made to the address that was
checked (no second lookup that DNS rebinding could answer differently): loopback, private,
link-local (cloud metadata), shared and reserved addresses are refused unless
NEWSDESK_ALLOW_PRIVATE_URLS=1. Redirects are followed by hand, each hop checked again, at most
`max_redirects`. A body over `max_bytes` is cut off with an error, never held whole; a server that
drips is stopped at `timeout` seconds in all. robots.txt is read once per site and respected;
requests to one host are at least `host_interval` seconds apart; conditional GETs
(If-None-Match / If-Modified-Since) turn an unchanged page into a 304 without a body.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from assistant.errors import NewsdeskError
from assistant.settings import Settings

AGENT_TOKEN = "newsdesk"
USER_AGENT = f"{AGENT_TOKEN}/0.1 (news archive; fetches only the URLs and feeds its user adds)"
_ROBOTS_MAX_BYTES = 512 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)

Resolver = Callable[[str, int], list[str]]


class FetchError(NewsdeskError):
    """A URL that could not be fetched, with the reason a person can act on."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Fetched:
    """One fetched URL: its final address, status (200, or 304 when unchanged) and body."""

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str  # the media type alone, lower case ("text/html")
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """The server says the page is unchanged since the validators given."""
        return self.status == 304


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (an IP literal is itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def public_address(address: str) -> bool:
    """Whether an address is on the public internet (not loopback, private, link-local such as
    169.254.169.254, shared, multicast, reserved or unspecified)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Fetcher:
    """The one HTTP client of newsdesk; thread-safe."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = 10 * 1024 * 1024,
        timeout: float = 20.0,
        max_redirects: int = 5,
        host_interval: float = 1.0,
        resolver: Resolver = resolve,
        allowed: Callable[[str], bool] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """`allowed` decides which addresses may be contacted (default: public ones, or every
        one with `allow_private`); `resolver`, `sleep` and `transport` are there for tests."""
        self.allowed = allowed or ((lambda _: True) if allow_private else public_address)
        self.sleep = sleep
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.host_interval = host_interval
        self.resolver = resolver
        self.requests = 0  # requests sent, robots.txt included (tests count them)
        self._client = httpx.Client(
            follow_redirects=False,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": USER_AGENT},
            trust_env=False,  # a proxy from the environment would bypass the address check
            transport=transport,
        )
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` (conditionally, given the validators of an earlier fetch); FetchError says
        why it failed."""
        url = url.strip()
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        status, response, body, final = self._follow(url, headers, self.max_bytes, robots=True)
        if status == 304:
            return Fetched(url, final, 304, b"", "", etag, last_modified)
        if status != 200:
            raise FetchError(url, f"the server answered HTTP {status}")
        media = response.get("content-type", "").split(";", 1)[0].strip().lower()
        return Fetched(
            url, final, 200, body, media, response.get("etag"), response.get("last-modified")
        )

    def _follow(
        self, url: str, headers: dict[str, str], limit: int, robots: bool
    ) -> tuple[int, httpx.Headers, bytes, str]:
        """GET `url`, following redirects (each hop checked): status, headers, body, final URL."""
        current = url
        for _ in range(self.max_redirects + 1):
            self._check_url(url, current)
            if robots and not self._robots_allow(url, current):
                raise FetchError(url, f"robots.txt of {urlsplit(current).netloc} disallows it")
            status, response, body = self._get(url, current, headers, limit)
            if status in _REDIRECTS and response.get("location"):
                current = urljoin(current, response["location"])
                continue
            return status, response, body, current
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    # --- one request -------------------------------------------------------------------
    def _check_url(self, asked: str, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise FetchError(asked, f"only http and https URLs are fetched, not {url!r}")
        if not parts.hostname:
            raise FetchError(asked, f"no host in {url!r}")

    def _address(self, asked: str, host: str, port: int) -> str:
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError) as error:
            raise FetchError(asked, f"cannot resolve {host}: {error}") from None
        if not addresses:
            raise FetchError(asked, f"cannot resolve {host}")
        blocked = [a for a in addresses if not self.allowed(a)]
        if blocked:
            raise FetchError(
                asked,
                f"{host} resolves to a non-public address ({blocked[0]}); newsdesk fetches "
                "only public addresses unless NEWSDESK_ALLOW_PRIVATE_URLS=1",
            )
        return addresses[0]

    def _get(
        self, asked: str, url: str, headers: dict[str, str], limit: int
    ) -> tuple[int, httpx.Headers, bytes]:
        """One GET of `url`, to the checked address: (status, headers, body of at most limit)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self._address(asked, host, port)
        literal = f"[{address}]" if ":" in address else address
        pinned = parts._replace(netloc=f"{literal}:{port}").geturl()
        extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
        self._wait_turn(host)
        started = time.monotonic()
        try:
            with self._client.stream(
                "GET",
                pinned,
                headers={**headers, "Host": parts.netloc.rsplit("@", 1)[-1]},
                extensions=extensions,
            ) as response:
                self.requests += 1
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchError(asked, _too_large(limit))
                body = bytearray()
                for block in response.iter_bytes():
                    body += block
                    if len(body) > limit:
                        raise FetchError(asked, _too_large(limit))
                    if time.monotonic() - started > self.timeout:
                        raise FetchError(asked, f"took longer than {self.timeout:g} s")
                return response.status_code, response.headers, bytes(body)
        except httpx.TimeoutException:
            raise FetchError(asked, f"no answer within {self.timeout:g} s") from None
        except httpx.HTTPError as error:
            reason = f"connection failed ({type(error).__name__}: {error})"
            raise FetchError(asked, reason) from None

    def _wait_turn(self, host: str) -> None:
        """Keep requests to one host `host_interval` seconds apart."""
        with self._lock:
            now = time.monotonic()
            turn = max(now, self._last.get(host, -1e9) + self.host_interval)
            self._last[host] = turn
        if turn > now:
            self.sleep(turn - now)

    def _robots_allow(self, asked: str, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = site in self._robots
            rules = self._robots.get(site)
        if not known:
            rules = self._read_robots(asked, site)
            with self._lock:
                self._robots[site] = rules
        return rules is None or rules.can_fetch(AGENT_TOKEN, url)

    def _read_robots(self, asked: str, site: str) -> RobotFileParser | None:
        """The site's rules; None (all allowed) when it has none (4xx); all disallowed when the
        file cannot be had (5xx, no answer), as RFC 9309 says."""
        rules = RobotFileParser()
        try:
            status, _, body, _ = self._follow(
                f"{site}/robots.txt", {}, _ROBOTS_MAX_BYTES, robots=False
            )
        except FetchError as error:
            if "non-public address" in error.reason or "resolve" in error.reason:
                raise
            status, body = 503, b""
        if 400 <= status < 500:
            return None
        if status != 200:
            rules.parse(["User-agent: *", "Disallow: /"])
            return rules
        rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules


def _too_large(limit: int) -> str:
    return f"larger than {limit / 1024 / 1024:g} MB (NEWSDESK_MAX_ARTICLE_MB)"


def make_fetcher(settings: Settings) -> Fetcher:
    """The fetcher the settings describe: pages up to the largest article, private addresses
    only when NEWSDESK_ALLOW_PRIVATE_URLS=1."""
    return Fetcher(
        allow_private=settings.allow_private_urls,
        max_bytes=int(settings.max_article_mb * 1024 * 1024),
        timeout=settings.fetch_timeout,
        host_interval=settings.fetch_host_interval,
    )
