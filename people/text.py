"""Name normalisation shared by alias lookups and the article importer."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑–—_.’'`]+")


def normalize_name(value):
    """Fold case, accents and punctuation so that 'Nurtleú', 'NURTLEU' and 'Nurtleu' compare equal."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped).strip().casefold()
