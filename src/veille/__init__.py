"""veille: news in, ACLED-style political-violence events out.

>>> import veille
>>> events = veille.extract("Le 9 mai 2020, des manifestants ont défilé à Dakar.", lang="fr")
>>> events[0].event_type
'Protests'
"""

from veille.model import Article, Event, Evidence, Place, Toponym

__version__ = "0.1.0"
__all__ = ["Article", "Event", "Evidence", "Place", "Toponym", "extract", "geoparse", "read", "__version__"]


def extract(text: str, published: str | None = None, lang: str | None = None) -> list[Event]:
    """Code the events a text reports; the first is the main event."""
    from veille.pipeline import extract_text

    return extract_text(text, published=published, lang=lang)


def geoparse(text: str, lang: str | None = None) -> list[Toponym]:
    """Find and resolve the place names of a text."""
    from veille.geo import geoparse as _geoparse

    return _geoparse(text, lang=lang)


def read(source: str, input_format: str = "auto") -> Article:
    """Read one source (path or URL) into a cleaned Article."""
    from veille.read import read_one

    return read_one(source, input_format=input_format)
