"""A small web server on 127.0.0.1 for tests of imports by address and from feeds: pages, feeds and failures
served from a table of routes that a test fills in."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer


@dataclass
class Drip:
    """An answer written raw, its first ``at_once`` bytes at once and then one byte every ``interval`` seconds: a
    server that drips its headers, or its body, for as long as the client waits."""

    answer: bytes
    at_once: int = 0
    interval: float = 0.2


class LocalSite:
    def __init__(self):
        self.routes = {}
        self.hits = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (the standard library's name)
                path = self.path
                site.hits[path] = site.hits.get(path, 0) + 1
                route = site.routes.get(path) or Route(b"not here", 404, {"Content-Type": "text/plain"})
                if callable(route):
                    route = route(self)
                if isinstance(route, Drip):
                    self.drip(route)
                    return
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if "Content-Length" not in route.headers:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def drip(self, route):
                self.close_connection = True
                try:
                    self.wfile.write(route.answer[: route.at_once])
                    self.wfile.flush()
                    for byte in route.answer[route.at_once :]:
                        time.sleep(route.interval)
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                except OSError:
                    pass  # the client gave up

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.handle_error = lambda request, address: None  # a client that hangs up early is not a failure
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, path, html, charset="utf-8", **headers):
        body = html.encode(charset) if isinstance(html, str) else html
        self.routes[path] = Route(body, 200, {"Content-Type": f"text/html; charset={charset}", **headers})

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
