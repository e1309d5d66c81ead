"""Articles from the web: a page fetched safely, its main text and its metadata.

The server fetches addresses that editors type, so it refuses what would reach inside its own network: loopback,
private, link-local and multicast addresses, checked after the name is resolved and again on the socket actually
connected (a name that resolves differently the second time gains nothing), on every redirect. Sizes and times
are capped. The HTML is never rendered or stored: only the text extracted from it.
"""

import codecs
import ipaddress
import re
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass

import charset_normalizer
import charset_normalizer.md
import trafilatura
import urllib3
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from events.ingest.dates import parse_header_date
from events.ingest.outlets import Outlets
from events.ingest.reader import ArticleError, Known

USER_AGENT = "DiploTrack/1.0 (news article importer)"
MAX_REDIRECTS = 5
CHUNK = 1 << 16
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}


class FetchError(ArticleError):
    """The address could not be read; the message says why, in one line."""


@dataclass
class Page:
    url: str  # the address read, after redirects
    status: int
    content_type: str
    charset: str
    body: bytes
    headers: dict


def refusal(address, allow_private=None):
    """Why the server must not connect to ``address`` (an IP address as text), or '' when it may."""
    if allow_private is None:
        allow_private = settings.DIPLOTRACK_FETCH_ALLOW_PRIVATE
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_loopback or (ip.is_private and not ip.is_unspecified):
        if allow_private:
            return ""
        return "a loopback address" if ip.is_loopback else "a private address"
    if ip.is_unspecified or ip.is_reserved:
        return "a reserved address"
    if not ip.is_global:
        return "not a public address"
    return ""


class _Deadline:
    """The end of one fetch's time, enforced: a socket timeout bounds each read, not the answer, and a server that
    drips its headers or its body a byte at a time would hold the fetch for ever. When the time is up, every
    connection the fetch opened is shut down, which ends whatever read is waiting on it."""

    def __init__(self, seconds):
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sockets = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self):
        return self.at - time.monotonic()

    def watch(self, sock):
        # A second descriptor of the same socket: it stays usable when TLS takes over the first one.
        watched = sock.dup()
        with self._lock:
            self._sockets.append(watched)
            if self.expired:
                _shut(watched)

    def _expire(self):
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def close(self):
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _shut(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


_fetching = threading.local()  # the deadline of the fetch running in this thread


def _check_connected(connection, sock):
    peer = sock.getpeername()[0]
    reason = refusal(peer)
    if reason:
        sock.close()
        raise FetchError(f"{connection.host} is {reason} ({peer}); only public addresses are fetched")
    deadline = getattr(_fetching, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)
    return sock


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self):
        return _check_connected(self, super()._new_conn())


class _GuardedHTTPSConnection(HTTPSConnection):
    def _new_conn(self):
        return _check_connected(self, super()._new_conn())


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


def _pool_manager():
    manager = urllib3.PoolManager(num_pools=4, retries=False)
    manager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
    return manager


def check_address(url):
    """Refuse an address the server must not fetch, before connecting: its scheme, and every address its host name
    resolves to."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses can be fetched, not {parts.scheme or 'this'!r}")
    if not parts.hostname:
        raise FetchError("the address names no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except ValueError as error:
        raise FetchError(f"the address is not valid ({error})") from error
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"the host {parts.hostname} could not be found") from error
    for *_, sockaddr in found:
        reason = refusal(sockaddr[0])
        if reason:
            raise FetchError(f"{parts.hostname} is {reason} ({sockaddr[0]}); only public addresses are fetched")


def fetch(url, headers=None, max_bytes=None, timeout=None):
    """GET ``url``, following a few redirects, each to a permitted address; at most ``max_bytes``, within
    ``timeout`` seconds in all: connecting, the headers and the body of every answer. A 304 answer is returned as
    it is (for conditional requests); any other status from 400 up raises FetchError."""
    max_bytes = max_bytes or settings.DIPLOTRACK_FETCH_MAX_BYTES
    timeout = timeout or settings.DIPLOTRACK_FETCH_TIMEOUT
    request_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", **(headers or {})}
    manager = _pool_manager()
    deadline = _fetching.deadline = _Deadline(timeout)
    answered = False  # whether the last answer's headers arrived: what a timeout message says
    try:
        for _ in range(MAX_REDIRECTS + 1):
            check_address(url)
            remaining = deadline.remaining()
            if remaining <= 0:
                raise FetchError(f"{_host(url)} did not answer within {timeout:g} s")
            answered = False
            response = manager.request(
                "GET",
                url,
                headers=request_headers,
                redirect=False,
                preload_content=False,
                timeout=urllib3.Timeout(connect=min(remaining, 10), read=remaining),
            )
            answered = True
            if response.status in (301, 302, 303, 307, 308) and response.headers.get("Location"):
                response.close()  # its body is not read: whatever its length, the connection is not reused
                response.release_conn()
                url = urllib.parse.urljoin(url, response.headers["Location"])
                continue
            page = _read(response, url, max_bytes, deadline)
            if deadline.expired:  # a body cut short by the deadline may look complete
                raise TimeoutError
            return page
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    except Exception as error:
        if isinstance(error, FetchError) and not deadline.expired:
            raise
        timed_out = deadline.expired or isinstance(error, (TimeoutError, urllib3.exceptions.TimeoutError))
        if timed_out and answered:
            raise FetchError(f"{_host(url)} did not send the page within {timeout:g} s") from error
        if timed_out:
            raise FetchError(f"{_host(url)} did not answer within {timeout:g} s") from error
        if isinstance(error, urllib3.exceptions.HTTPError) and answered:
            raise FetchError(f"{_host(url)} broke off the answer ({_reason(error)})") from error
        if isinstance(error, urllib3.exceptions.HTTPError):
            raise FetchError(f"{_host(url)} could not be reached ({_reason(error)})") from error
        raise
    finally:
        _fetching.deadline = None
        deadline.close()
        manager.clear()


def _read(response, url, max_bytes, deadline):
    try:
        if response.status >= 400:
            raise FetchError(f"{_host(url)} answered {response.status} {response.reason or ''}".rstrip())
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise FetchError(f"the page is larger than {max_bytes:,} bytes, the limit")
        body = bytearray()
        for chunk in response.stream(CHUNK, decode_content=True):
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(f"the page is larger than {max_bytes:,} bytes, the limit")
            if deadline.remaining() < 0:
                raise TimeoutError
    finally:
        response.release_conn()
    content_type, _, parameters = (response.headers.get("Content-Type") or "").partition(";")
    charset = re.search(r"charset=[\"']?([\w.:-]+)", parameters, re.IGNORECASE)
    return Page(
        url=url,
        status=response.status,
        content_type=content_type.strip().lower(),
        charset=charset.group(1) if charset else "",
        body=bytes(body),
        headers=dict(response.headers),
    )


def _host(url):
    return urllib.parse.urlsplit(url).hostname or url


def _reason(error):
    reason = getattr(error, "reason", None) or error
    return str(reason).split(": ")[-1][:120]


# --- pages ------------------------------------------------------------------------------------------------------


@dataclass
class WebArticle:
    text: str
    known: Known


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


# Above this share of odd characters (charset-normalizer's measure), text is taken to be decoded wrongly.
IMPLAUSIBLE = 0.2


def decode(body, charset=""):
    """An HTML or text body as text: by the charset the server or the page declares, else UTF-8, else the most
    likely one (windows-1251 and KOI8-R pages are common on Russian and Kazakh sites). A declared charset that is
    unknown, unusable (``undefined``, ``punycode``) or fails on the bytes is passed over; one that turns the bytes
    into gibberish (UTF-8 labelled KOI8-R) gives way to charset-normalizer's choice."""
    declared = charset or ((m := _META_CHARSET.search(body[:4096])) and m.group(1).decode("ascii", "ignore"))
    for encoding in (_page_codec(declared), "utf-8"):
        if encoding:
            try:
                text = body.decode(encoding)
            except Exception:  # LookupError, UnicodeError and whatever an odd codec raises
                continue
            if encoding != "utf-8" and not body.isascii():
                text = _plausible(body, text)
            return text
    best = charset_normalizer.from_bytes(body).best()
    if best is None:
        raise ArticleError("the page's text encoding could not be recognised")
    return str(best)


# Codecs Python knows that no web page is written in: for host names, escapes, or none at all.
NOT_PAGE_CODECS = {"undefined", "punycode", "idna", "unicode-escape", "raw-unicode-escape", "utf-7", "charmap"}


def _page_codec(name):
    """The codec of a charset a page declares, or '' when there is none of that name or no page is written in it."""
    try:
        codec = codecs.lookup(name or "")
    except (LookupError, TypeError, ValueError):
        return ""
    if not codec._is_text_encoding or codec.name in NOT_PAGE_CODECS:
        return ""
    return codec.name


def _plausible(body, text):
    """``text`` if it reads as text, else the bytes decoded as charset-normalizer judges best, when that is better."""
    sample = text[:100_000]
    mess = charset_normalizer.md.mess_ratio(sample, maximum_threshold=1.0)
    if mess <= IMPLAUSIBLE:
        return text
    best = charset_normalizer.from_bytes(body).best()
    if best is None or best.chaos >= mess:
        return text
    return str(best)


def read_page(body, url="", charset="", outlets=None):
    """The main text of an HTML page and what its metadata state: title, publication date, outlet, address."""
    outlets = outlets or Outlets.reference()
    html = decode(body, charset)
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # The date from the page's markup (meta tags, <time>, structured data, the address), not guessed from
            # its text: the reader finds datelines and timestamps in the text itself.
            date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"},
        )
    except Exception as error:  # the extractor's parser gives up on some broken markup
        raise ArticleError(f"the page could not be read ({type(error).__name__})") from error
    text = (document.text if document is not None else "") or ""
    if not text.strip():
        raise ArticleError("no article text was found on the page")
    address = url
    canonical = document.url or ""
    if canonical.startswith(("http://", "https://")) and (not url or _same_site(canonical, url)):
        address = canonical
    site = (document.sitename or "").strip()
    if re.fullmatch(r"[\w.\[\]:-]+:\d+|[\d.]+|\[?[\da-fA-F:]+\]?", site):
        site = ""  # no name: only the address it was served from
    outlet = outlets.for_address(address) or outlets.named(site) or (site if len(site) <= 100 else "")
    published = parse_header_date(document.date[:10]) if document.date else None
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    known = Known(title=(document.title or "").strip(), outlet=outlet, published=published, url=address)
    return WebArticle(text="\n\n".join(paragraphs), known=known)


def _same_site(first, second):
    hosts = [(urllib.parse.urlsplit(u).hostname or "").removeprefix("www.") for u in (first, second)]
    return hosts[0] == hosts[1] or hosts[0].endswith("." + hosts[1]) or hosts[1].endswith("." + hosts[0])


def read_address(url, outlets=None, timeout=None):
    """Fetch an article's page and read it: HTML through the extractor, plain text as it is."""
    page = fetch(url, timeout=timeout)
    if page.content_type in HTML_TYPES or (not page.content_type and page.body.lstrip()[:1] == b"<"):
        return read_page(page.body, page.url, page.charset, outlets)
    if page.content_type in TEXT_TYPES:
        outlet = (outlets or Outlets.reference()).for_address(page.url)
        return WebArticle(text=decode(page.body, page.charset), known=Known(url=page.url, outlet=outlet))
    kind = page.content_type or "an unknown type"
    raise FetchError(f"the address serves {kind}, not a web page: save its text and import that")
