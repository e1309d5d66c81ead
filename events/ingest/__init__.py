"""The article pipeline: read → extract → resolve → merge. Plain Python, shared by the command line and the admin."""

from events.ingest.pipeline import ArticleError, Importer, ImportResult

__all__ = ["ArticleError", "ImportResult", "Importer"]
