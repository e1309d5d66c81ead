"""The CSV of every meeting, kept as a file until the data changes.

The whole export is what researchers download most, and the largest: writing it takes seconds on a hundred
thousand meetings. The first request for it streams the export as it is written and keeps a copy in a file
(``DIPLOTRACK_KEPT_EXPORTS``), named after the state of the data (``facets.data_state``) and the site's address
(the rows carry permalinks); later requests in the same state are sent that file. A new state writes a new file
and the older ones are removed. A file is only kept once written to its end: a client that goes away leaves
nothing behind.
"""

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings

from events import facets

logger = logging.getLogger(__name__)


def kept_file(name, base):
    """The file where the CSV export ``name`` of the current state for the site at ``base`` is kept (it may not be
    written yet), or None when no state is marked yet or nothing is to be kept."""
    folder, state = settings.DIPLOTRACK_KEPT_EXPORTS, facets.data_state()
    if not folder or state is None:
        return None
    digest = hashlib.sha256(f"{state}|{base}".encode()).hexdigest()[:32]
    return Path(folder) / f"{name}-{digest}.csv"


def opened(path):
    """The kept file open for reading, or None when it is not there (not written yet, or just replaced)."""
    try:
        return path.open("rb")
    except OSError:  # not there, or its folder cannot be read
        return None


def written_to(path, chunks):
    """The text ``chunks`` encoded, each also written to ``path``, which exists only once they all were; None when
    the folder cannot be written to (the export is then sent without being kept)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
    except OSError:
        logger.warning("Exports cannot be kept in %s", path.parent, exc_info=True)
        return None
    return _copied(path, os.fdopen(descriptor, "wb"), Path(partial), chunks)


def _copied(path, copy, partial, chunks):
    complete = False
    try:
        with copy:
            for chunk in chunks:
                data = chunk.encode("utf-8")
                copy.write(data)
                yield data
        os.replace(partial, path)
        complete = True
        for older in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.csv"):
            if older != path:
                older.unlink(missing_ok=True)  # a process still sending it keeps its open copy
    finally:
        if not complete:
            partial.unlink(missing_ok=True)
