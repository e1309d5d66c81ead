"""Public pages kept rendered, for readers who are not signed in, until the data changes.

The list, the meeting and the person pages take tens of milliseconds to build (filters, facets, a chart, a table);
the same address asked again with the same data gives the same page. Each process keeps the pages it built in its
own cache (``CACHES["default"]``), under the address and the state of the data (``facets.data_state``): an import, an
edit, a merge or a restore changes the state, and the pages built before are never served again. Signed-in editors
always get a page built for them.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from events import facets

SECONDS = 300  # a kept page is built again after this, whatever happens: what it says of "today" stays true


def kept_for_readers(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        state = facets.data_state()
        if state is None:
            return view(request, *args, **kwargs)
        key = "page:" + hashlib.sha256(f"{state}|{request.get_full_path()}".encode()).hexdigest()
        kept = cache.get(key)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), SECONDS)
        return response

    return wrapper
