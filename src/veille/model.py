"""The records of the contract: one typed record per pipeline stage.

    RawDocument ──clean──▶ Article ──extract──▶ Event
                                    ──geoparse──▶ Toponym / Place

Every record is a plain dataclass so that it serialises with ``to_dict()`` and
crosses process boundaries (workers, Ray, Spark) without surprises.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Evidence:
    """Where a field's value came from: a span of the cleaned article text and the rule."""

    field: str
    start: int
    end: int
    text: str
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class RawDocument:
    """A document as a reader produced it, before cleaning."""

    doc_id: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = None
    title: str | None = None
    verbatim: bool = False  # text given as final (JSONL): only a tail may be cut, offsets stay


@dataclass(slots=True)
class Cut:
    """A piece of boilerplate removed from the article (kept for inspection)."""

    start: int
    end: int
    text: str
    rule: str


@dataclass(slots=True)
class Article:
    """Cleaned article text: every evidence offset points into ``text``."""

    doc_id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD (or full ISO datetime)
    lang: str | None = None
    body_end: int | None = None  # offset in the pre-cut text where the body ended
    cuts: list[Cut] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``veille read`` line of the contract."""
        return {
            "doc_id": self.doc_id,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "lang": self.lang,
            "text": self.text,
        }


@dataclass(slots=True)
class Toponym:
    """A place name found in a text and resolved to a GeoNames entry (or not)."""

    text: str
    start: int
    end: int
    geonameid: int | None = None
    name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    feature_code: str | None = None  # GeoNames: PCLI (country), ADM1, PPL, PPLC, ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Place:
    """Where an event happened, as the contract's location fields."""

    iso3: str | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    evidence: Evidence | None = None
    # same-named places of other countries that the text does not rule out ("Tripoli" alone):
    # reports like this one may settle it (veille.geo.similar); not exported
    alternatives: tuple[Place, ...] = ()


EVENT_FIELDS = (
    "event_id",
    "doc_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "assoc_actor_2",
    "inter1",
    "inter2",
    "iso3",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geonameid",
    "geo_precision",
    "fatalities",
    "notes",
    "evidence",
    "confidence",
    "lang",
    "source_url",
    "published",
)


@dataclass(slots=True)
class Event:
    """One coded event, in the ACLED codebook's format (see DESIGN.md, the contract)."""

    event_id: str = ""
    doc_id: str = ""
    event_date: str | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: str | None = None
    inter2: str | None = None
    iso3: str | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    notes: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    lang: str | None = None
    source_url: str | None = None
    published: str | None = None
    alternatives: tuple[Place, ...] = ()  # see Place.alternatives; not exported

    def to_dict(self) -> dict[str, Any]:
        d = {name: getattr(self, name) for name in EVENT_FIELDS}
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d

    def set_place(self, place: Place) -> None:
        for name in ("iso3", "country", "admin1", "location", "latitude", "longitude", "geonameid", "geo_precision"):
            setattr(self, name, getattr(place, name))
        self.alternatives = place.alternatives
        if place.evidence is not None:
            self.evidence.append(place.evidence)


@dataclass(slots=True)
class ReadError:
    """A document that could not be read or processed: reported, never fatal."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
