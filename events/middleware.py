"""Security headers Django 5.2 does not set by itself, and a bound on the database time of public requests."""

import math
import time

from django.conf import settings
from django.db import DatabaseError, OperationalError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

# Scripts only from this site, never inline; styles may be inline (the admin uses style attributes).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class NulCharacterMiddleware:
    """A NUL character is in no name, slug or search: PostgreSQL refuses it in any text, and SQLite would only look
    for it in vain. An address with one is not found (404); a parameter with one is the client's mistake (400),
    answered before any view or query sees it."""

    MESSAGE = "Bad parameters: {name} contains a NUL character."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        if "\x00" in request.path:
            if api:
                return JsonResponse({"detail": "Not Found"}, status=404)
            raise Http404("No such address.")
        # Forms check what is posted themselves (a form's text fields refuse NUL characters, with a message).
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                message = self.MESSAGE.format(name=repr(name.replace("\x00", "\\0")))
                if api:
                    return JsonResponse({"detail": message}, status=400)
                return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class ApiCorsMiddleware:
    """The API is public and read-only: any site's scripts may read it (GET and HEAD), none may write. A browser's
    preflight (OPTIONS) is answered here, for every address of the API; HEAD is answered as GET without the body."""

    METHODS = "GET, HEAD, OPTIONS"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        if api and request.method == "OPTIONS" and self.exists(request.path_info):
            response = HttpResponse(status=204)
            response["Allow"] = self.METHODS
            response["Access-Control-Max-Age"] = "86400"
            asked = request.headers.get("Access-Control-Request-Headers")
            if asked:
                response["Access-Control-Allow-Headers"] = asked
        elif api and request.method == "HEAD":
            request.method = "GET"
            response = self.get_response(request)
            request.method = "HEAD"
            if not response.streaming:
                length = len(response.content)
                response.content = b""
                response["Content-Length"] = str(length)
        else:
            response = self.get_response(request)
        if api and request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = self.METHODS
        return response

    @staticmethod
    def exists(path):
        try:
            resolve(path)
        except Resolver404:
            return False
        return True


class QueryBudgetMiddleware:
    """A public page's database statements each get at most DIPLOTRACK_QUERY_SECONDS (PostgreSQL: the session's
    statement_timeout; SQLite: a progress handler with a deadline each statement sets afresh), so that no request
    holds a worker with one runaway query. One that runs over answers 503 with a message, not a traceback.
    The admin and writes are not limited: editors' imports have their own bounds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.DIPLOTRACK_QUERY_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or request.path.startswith("/admin/"):
            return self.get_response(request)
        budget = Budget(connection, seconds)
        budget.start()
        try:
            response = self.get_response(request)
        except BaseException:
            budget.stop()
            raise
        if response.streaming:
            response.streaming_content = budget.around(response.streaming_content)
        else:
            budget.stop()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError) and over_budget(exception):
            seconds = settings.DIPLOTRACK_QUERY_SECONDS
            message = (
                f"This request needs more than {seconds:g} s of database time, the most a page may take. "
                "Narrow it: fewer or longer search words, a person, a period."
            )
            plain = "text/plain; charset=utf-8"
            return HttpResponse(message, status=503, content_type=plain, headers={"Retry-After": "60"})
        return None


def over_budget(error):
    text = str(error).lower()
    return "interrupted" in text or "statement timeout" in text


class Budget:
    def __init__(self, connection, seconds):
        self.connection, self.seconds, self.deadline = connection, seconds, math.inf

    def start(self):
        self.connection.ensure_connection()
        # One budget per connection at a time: a response never closed (left unread) must not keep its own.
        self.connection.execute_wrappers[:] = [
            wrapper
            for wrapper in self.connection.execute_wrappers
            if not isinstance(getattr(wrapper, "__self__", None), Budget)
        ]
        self.connection.diplotrack_budget = self
        if self.connection.vendor == "sqlite":
            self.connection.connection.set_progress_handler(self._late, 20_000)
            self.connection.execute_wrappers.append(self._timed)
        elif self.connection.vendor == "postgresql":
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{int(self.seconds * 1000)}"])

    def stop(self):
        if getattr(self.connection, "diplotrack_budget", None) is not self:
            return  # a later request's budget holds the connection now
        self.connection.diplotrack_budget = None
        if self.connection.connection is None:
            return
        if self.connection.vendor == "sqlite":
            self.connection.connection.set_progress_handler(None, 0)
            if self._timed in self.connection.execute_wrappers:
                self.connection.execute_wrappers.remove(self._timed)
        elif self.connection.vendor == "postgresql":
            try:
                with self.connection.cursor() as cursor:
                    cursor.execute("RESET statement_timeout")
            except DatabaseError:  # a transaction the timeout broke: the connection is closed instead
                self.connection.close()

    def around(self, chunks):
        try:
            yield from chunks
        finally:
            self.stop()

    def _timed(self, execute, sql, params, many, context):
        # Each statement its own budget, counting the reading of its rows (until the next statement).
        self.deadline = time.monotonic() + self.seconds
        return execute(sql, params, many, context)

    def _late(self):
        return time.monotonic() > self.deadline  # true: SQLite interrupts the statement


class CountsMiddleware:
    """A request that may change data (an editor's save, merge or import) starts with nothing noted; if it changes
    what the counts are made of, they are counted again once its response has gone (events/facets.py), so that the
    next reader, in any process, finds them ready, and the editor does not wait for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from events import facets

        if request.method not in ("GET", "HEAD", "OPTIONS"):
            facets.forget_changes()
        return self.get_response(request)
