"""Cross-article deduplication: one canonical event per real-world event.

Pure functions over :class:`~veille.model.Event` records (the mentions of many articles, in
ingest order), no database::

    >>> from veille.dedup import cluster_events
    >>> clusters = cluster_events(events)     # doctest: +SKIP
    >>> [len(c.mentions) for c in clusters]   # doctest: +SKIP

How two event mentions are matched (:func:`pair_score`):

* **blocking** (any failure means "different events"):
  - same country when both know it;
  - event dates within a window that widens with ``time_precision``
    (±2 days when the day is known, ±7 for a week, ±31 for a month);
  - same place: same ``geonameid``, or within 25 km (50 km, 300 km when either side is only
    known to ``geo_precision`` 2, 3: region centroids can be far from the towns in them), or the same admin1 when either side is a region; a mention
    that only names the country passes with no place score (see :data:`VAGUE_PLACE_SCORE`);
  - compatible event types: the same ``event_type`` or a pair from :data:`COMPATIBLE_TYPES`;
  - for protests and riots, no actor mismatch (two groups demonstrating in one city on one day
    are two events), and without a shared actor the same sub-event type;
  - a mention with no country merges only on shared specific actors; one that names only the
    country merges only when a single cluster matches it clearly (see :func:`best_cluster`).
* **scoring**: closeness in time and space, same sub-event type, actor overlap (bonus) or
  actor mismatch (penalty), wildly different death tolls (penalty). A mention joins the best
  cluster scoring at least :data:`THRESHOLD`; otherwise it starts a new cluster.

A cluster never takes two mentions of the same document (the extractor already separated them),
and a mention must also pass the blocking against the cluster's canonical record (most precise
date and place), which keeps single-link chaining in check. Clusters are never merged or split
afterwards, so a canonical ``event_id`` (its first mention's) is stable as sources are added.

How the canonical record is built (:func:`merge_mentions`):

* ``fatalities``: ACLED keeps the lowest credible report. A mention that says nothing about deaths
  reports 0 by convention, which means "not reported", not "nobody died"; so the canonical toll is
  the **minimum over the non-zero reports**, and 0 only when every report is 0. A toll read from a
  vague word ("several people were killed" = 10 by convention) is no report of a number: it counts
  only when no source gave one (:func:`toll_reports`).
* place fields: from the mention with the lowest ``geo_precision`` (ties: the first).
* ``event_date``/``time_precision``: from the lowest ``time_precision``; ties go to the date most
  mentions agree on, then the earliest.
* ``event_type``/``sub_event_type``: confidence-weighted vote; actors and ``notes`` come from the
  most confident mention of the winning type, missing actors are filled from the others.
* ``confidence``: the highest; ``doc_id``, ``lang``, ``source_url``, ``published``: of the first
  mention; ``evidence``: the evidence of each field's source mention (place, date and toll from the
  mentions that gave them, the rest from the main one), its ``rule`` tagged ``[doc <doc_id>]`` when
  it comes from another article than the canonical ``doc_id``.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import SequenceMatcher

from unidecode import unidecode

from veille.extractors.numbers import find_numbers
from veille.model import Event, Evidence
from veille.resources import ROOT as RESOURCES
from veille.resources import lang_files, load_yaml

#: minimum score for a mention to join a cluster
THRESHOLD = 0.55
#: half-width of the date window (days) by ``time_precision`` (None: unknown precision)
DATE_WINDOW = {1: 2, 2: 7, 3: 31, None: 3}
#: radius (km) within which two places are "the same place", by ``geo_precision``
PLACE_RADIUS_KM = {1: 25.0, 2: 50.0, 3: 300.0, None: 25.0}
#: place score when one side names no place below the country
VAGUE_PLACE_SCORE = 0.0
#: how alike two spellings of one name are (:func:`same_name`)
NAME_SIMILARITY = 0.8
#: place score when the sentences name the same place but the gazetteer did not locate both
NAMED_PLACE_SCORE = 0.2
#: score lost when both mentions name specific actors and none is shared (violent events)
ACTOR_MISMATCH_PENALTY = 0.1
#: a country-level mention matching two clusters this closely is left on its own
AMBIGUITY_MARGIN = 0.1
#: event types that different reports of one event plausibly code differently
COMPATIBLE_TYPES = {
    frozenset({"Battles", "Violence against civilians"}),
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Protests", "Riots"}),
}
#: event types where the actors, not the violence, tell two events apart
DEMONSTRATIONS = {"Protests", "Riots"}
#: actor names that say nothing about who it was
_GENERIC = re.compile(
    r"^(unidentified|unknown|civilians|protesters|rioters|gangs?|bandits|gunmen|militants|jihadists)\b", re.I
)

PLACE_FIELDS = ("iso3", "country", "admin1", "location", "latitude", "longitude", "geonameid", "geo_precision")
ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2")


# --------------------------------------------------------------------------- helpers


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(48.8566, 2.3522, 45.764, 4.8357))
    391
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_day(e: Event) -> tuple[date | None, int | None]:
    """The date used for blocking and its precision: ``event_date``, else ``published`` (precision 2)."""
    d = _day(e.event_date)
    if d is not None:
        return d, e.time_precision
    d = _day(e.published)
    return (d, 2) if d is not None else (None, None)


def _norm(name: str) -> str:
    name = re.sub(r"\(\d{4}-?\d*\)", "", name)  # "Military Forces of Mali (2021-)" -> "... of Mali"
    return re.sub(r"\s+", " ", name).strip().casefold()


def actor_names(e: Event) -> set[str]:
    """Normalised names of the specific actors of a mention (generic ones like "Civilians (Mali)" dropped)."""
    names: set[str] = set()
    for value in (e.actor1, e.actor2, e.assoc_actor_1, e.assoc_actor_2):
        for part in (value or "").split(";"):
            part = part.strip()
            if part and not _GENERIC.match(part):
                names.add(_norm(part))
    return names


def _fold(text: str) -> str:
    return unidecode(text.replace("\u2019", "'")).casefold()


@functools.cache
def _common_words() -> frozenset[str]:
    """Capitalised words that name no place: months, weekdays, countries and demonyms (all languages), and
    the news words of ``common/coding.yaml`` (``dedup.not_names``: agencies, titles, institutions)."""
    words: set[str] = set()
    for lang_dir in sorted(p for p in RESOURCES.iterdir() if p.is_dir()):
        dates = lang_files(lang_dir.name, "dates.yaml") or {}
        for key in ("months", "weekdays"):
            words.update(str(w) for w in dates.get(key) or {})
        demonyms = lang_files(lang_dir.name, "demonyms.yaml") or {}
        for forms in (demonyms.get("countries") or {}).values():
            for form in forms:
                words.update(str(form).split())
    words.update(str(w) for w in (load_yaml("common/coding.yaml").get("dedup") or {}).get("not_names") or [])
    return frozenset(_fold(w) for w in words)


#: a capitalised word, also after an elision ("d'El-Facher", "l'Ituri")
_NAME = re.compile(r"(?<![\w-])[A-ZÀ-Ý][\w'’-]{3,}")


def note_names(e: Event) -> frozenset[str]:
    """Proper names in a mention's sentence (not its first word): places the gazetteer may have missed
    ("Boulkessi"), named groups. Months, weekdays, countries and demonyms are left out.

    >>> sorted(note_names(Event(doc_id="d", notes="Le camp de Boulkessi a été visé lundi au Mali.")))
    ['boulkessi']
    """
    text = e.notes or ""
    first = re.match(r"\W*\w+", text)
    skip = first.end() if first else 0
    names = set()
    for m in _NAME.finditer(text, skip):
        for part in re.split(r"[-'’]", _fold(m.group())):
            if len(part) >= 4 and part not in _common_words():
                names.add(part)
    return frozenset(names)


def same_name(x: str, y: str) -> bool:
    """Two folded names that are one name spelled in two languages or transliterations ("fasher" and
    "facher", "darfur" and "darfour"): equal, or, from 5 letters on, the same first letter and a
    :class:`difflib.SequenceMatcher` ratio of at least :data:`NAME_SIMILARITY`."""
    if x == y:
        return True
    if min(len(x), len(y)) < 5 or x[0] != y[0]:
        return False
    return SequenceMatcher(None, x, y).ratio() >= NAME_SIMILARITY


def _names_in_notes(place: str | None, e: Event) -> bool:
    """Does the sentence of mention ``e`` name ``place`` (case, accents, hyphens and spelling variants
    ignored: "El Fasher" is named by "El-Facher")?"""
    if not place or not e.notes:
        return False
    want = _words(place).split()
    have = _words(e.notes).split()
    if not want:
        return False
    n = len(want)
    return any(
        all(same_name(w, h) for w, h in zip(want, have[i : i + n], strict=True)) for i in range(len(have) - n + 1)
    )


def _words(text: str) -> str:
    return re.sub(r"[\W_]+", " ", _fold(text)).strip()


def named_place(a: Event, b: Event) -> bool:
    """Text evidence of the same place when the gazetteer gave (at least) one side no precise place:
    one sentence names the other's location ("Residents of El Fasher ..." and an event located at El
    Fasher; "El Fasher, North Darfur" and an event located in Darfur), or both name the same place
    the gazetteer did not know ("Boulkessi"; "El Fasher" and "El-Facher")."""
    for x, y in ((a, b), (b, a)):
        if not vague_place(y) and y.location and _names_in_notes(y.location, x):
            return True
    countries = {_fold(a.country or ""), _fold(b.country or "")}
    nb = note_names(b) - countries
    return any(same_name(x, y) for x in note_names(a) - countries for y in nb)


def demonstrators(e: Event, country: str | None = None) -> set[str]:
    """Who demonstrated or rioted (``assoc_actor_1``, or a named ``actor1``), without the country
    (``country``, default the mention's): "Teachers (Senegal)" and "Teachers" are the same group."""
    names: set[str] = set()
    for value in (e.actor1, e.assoc_actor_1):
        for part in (value or "").split(";"):
            part = part.strip()
            if part and not _GENERIC.match(part):
                names.add(_bare(part, country or e.country))
    return names


@functools.cache
def _umbrella_groups() -> frozenset[str]:
    """Groups that may stand for another ("Labor Group": the unions of a teachers' strike)."""
    data = load_yaml("common/actors.yaml")
    names = data.get("demonstrator_groups") or {}
    return frozenset(_bare(names[g].replace(" ({country})", ""), None) for g in data.get("demonstrator_umbrella") or [])


def _bare(name: str, country: str | None) -> str:
    """An actor name without the event's country: "Teachers (Senegal)" -> "teachers", "Military Forces of
    Mali (2021-)" -> "military forces" (the country of the pair of mentions compared)."""
    name = _norm(name)
    if country:
        country = _norm(country)
        name = name.replace(f" ({country})", "")
        name = re.sub(rf" of (?:the )?{re.escape(country)}\b", "", name)
    return name


def _peaceful(e: Event) -> bool:
    return e.sub_event_type == "Peaceful protest"


def _type_score(a: Event, b: Event) -> float | None:
    if not a.event_type or not b.event_type:
        return 0.1
    if a.event_type == b.event_type:
        return 0.25 if a.sub_event_type and a.sub_event_type == b.sub_event_type else 0.2
    if frozenset({a.event_type, b.event_type}) in COMPATIBLE_TYPES:
        return 0.1
    return None


def _date_score(a: Event, b: Event) -> float | None:
    da, pa = event_day(a)
    db, pb = event_day(b)
    if da is None or db is None:
        return 0.05
    window = max(DATE_WINDOW.get(pa, 3), DATE_WINDOW.get(pb, 3))
    gap = abs((da - db).days)
    if gap > window:
        return None
    return 0.3 * (1 - gap / (window + 1))


def _days_apart(a: Event, b: Event) -> int:
    """Days between two mentions whose day is known (``time_precision`` 1 on both), else 0."""
    da, pa = event_day(a)
    db, pb = event_day(b)
    if da is None or db is None or pa != 1 or pb != 1:
        return 0
    return abs((da - db).days)


_STATE = re.compile(r"^(military forces|police forces|government) of\b")


def _named_shared(a: Event, b: Event) -> bool:
    """Do the mentions share a named non-state actor ("JNIM", "M23"), not just the state's forces?"""
    return any(not _STATE.match(n) for n in actor_names(a) & actor_names(b))


def vague_place(e: Event) -> bool:
    """True when a mention only knows the country (no location, or the location is the country itself)."""
    if not e.location:
        return e.latitude is None
    return bool(e.country) and _norm(e.location) == _norm(e.country or "")


def _place_score(a: Event, b: Event) -> float | None:
    if a.iso3 and b.iso3 and a.iso3 != b.iso3:
        return None
    vague = vague_place(a) or vague_place(b)
    if not vague and a.geonameid is not None and a.geonameid == b.geonameid:
        return 0.3
    coarse = max(a.geo_precision or 1, b.geo_precision or 1)
    if not vague:
        if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
            d = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
            radius = PLACE_RADIUS_KM.get(coarse, 25.0)
            if d <= radius:
                return max(0.05, 0.3 * (1 - d / radius))
        if coarse >= 3 and a.admin1 and b.admin1 and _norm(a.admin1) == _norm(b.admin1):
            return 0.1
        if a.location and b.location and _norm(a.location) == _norm(b.location):
            return 0.25
    if (vague or coarse >= 2) and named_place(a, b):
        # the gazetteer missed or coarsened a place that the sentences name
        return NAMED_PLACE_SCORE
    if vague:
        # "in Mali" (or nowhere): compatible with any place of the country, but the date, type and
        # actors must carry it (pair_score requires shared actors when a country is unknown)
        return VAGUE_PLACE_SCORE
    return None


# --------------------------------------------------------------------------- matching


def pair_score(a: Event, b: Event) -> float | None:
    """How likely two mentions report the same event: ``None`` when blocked, else a score (≥ THRESHOLD: same)."""
    place = _place_score(a, b)
    if place is None:
        return None
    when = _date_score(a, b)
    if when is None:
        return None
    kind = _type_score(a, b)
    if kind is None:
        return None
    score = place + when + kind
    if a.event_type in DEMONSTRATIONS or b.event_type in DEMONSTRATIONS:
        # who demonstrated tells two demonstrations apart; the police that answered them does not
        country = a.country or b.country
        ga, gb = demonstrators(a, country), demonstrators(b, country)
        shared = bool(ga & gb)
        if ga - _umbrella_groups() and gb - _umbrella_groups() and not shared:
            return None  # teachers and opposition supporters marching in one city: two events
        if not shared and _peaceful(a) != _peaceful(b):
            return None  # cities see several demonstrations a day: a peaceful march is not the one police broke up
        score += 0.15 * shared
    else:
        # the same actor with or without its country ("Military Forces" in a report that names none)
        country = a.country or b.country
        na, nb = {_bare(n, country) for n in actor_names(a)}, {_bare(n, country) for n in actor_names(b)}
        overlap = len(na & nb) / min(len(na), len(nb)) if na and nb else 0.0
        if na and nb and not overlap:
            score -= ACTOR_MISMATCH_PENALTY  # mild: extractors often miss or misname one side
        score += 0.15 * overlap
        shared = bool(actor_names(a) & actor_names(b))  # full names: a country-less mention needs more
    if not shared and (not a.iso3 or not b.iso3) and place != NAMED_PLACE_SCORE:
        return None  # no country on one side: only shared actors or a named place tie the reports together
    if _days_apart(a, b) >= 2 and not _named_shared(a, b) and not (a.fatalities and a.fatalities == b.fatalities):
        # both days are known and two apart: a town struck again (Kharkiv on Saturday and Monday), unless
        # the same named group or the same toll says the reports read one event's day differently
        return None
    if a.fatalities and b.fatalities and max(a.fatalities, b.fatalities) > 4 * min(a.fatalities, b.fatalities) + 2:
        score -= 0.1
    return score


@dataclass
class Cluster:
    """A canonical event and the mentions (one per document at most) merged into it."""

    event_id: str
    mentions: list[Event] = field(default_factory=list)
    canonical: Event | None = None

    @property
    def doc_ids(self) -> set[str]:
        return {m.doc_id for m in self.mentions}

    def add(self, mention: Event) -> None:
        self.mentions.append(mention)
        self.canonical = merge_mentions(self.mentions, self.event_id)


def cluster_score(mention: Event, cluster: Cluster) -> float | None:
    """Best pair score of ``mention`` against the cluster's members; None if blocked."""
    if mention.doc_id in cluster.doc_ids:
        return None
    if cluster.canonical is not None and pair_score(mention, cluster.canonical) is None:
        return None
    scores = [s for m in cluster.mentions if (s := pair_score(mention, m)) is not None]
    return max(scores) if scores else None


def best_cluster(mention: Event, clusters: Iterable[Cluster], threshold: float = THRESHOLD) -> Cluster | None:
    """The cluster ``mention`` belongs to (highest score ≥ threshold; ties: the oldest), or None.

    A mention that names no place below a region (``geo_precision`` 3, or only the country) is only
    merged when that is unambiguous: if another cluster scores within :data:`AMBIGUITY_MARGIN` of the
    best, it starts its own.
    """
    scored = [
        (s, i, c) for i, c in enumerate(clusters) if (s := cluster_score(mention, c)) is not None and s >= threshold
    ]
    if not scored:
        return None
    scored.sort(key=lambda t: (-t[0], t[1]))
    coarse = vague_place(mention) or (mention.geo_precision or 1) >= 3
    if coarse and len(scored) > 1 and scored[0][0] - scored[1][0] < AMBIGUITY_MARGIN:
        return None
    return scored[0][2]


def canonical_id(mention: Event, ordinal: int = 0) -> str:
    """Id of a canonical event started by ``mention``: its own ``event_id``, else a hash of doc and position."""
    if mention.event_id:
        return mention.event_id
    digest = hashlib.sha1(f"{mention.doc_id}\x1f{ordinal}".encode()).hexdigest()[:16]
    return f"ev-{digest}"


def cluster_events(events: Iterable[Event], threshold: float = THRESHOLD) -> list[Cluster]:
    """Cluster mentions in the given order (the database does the same, one document at a time).

    >>> clusters = cluster_events(mentions)  # doctest: +SKIP
    >>> canonical_record(clusters[0])["source_count"]  # doctest: +SKIP
    """
    clusters: list[Cluster] = []
    ordinals: Counter[str] = Counter()
    used: set[str] = set()
    for event in events:
        ordinal = ordinals[event.doc_id]
        ordinals[event.doc_id] += 1
        target = best_cluster(event, clusters, threshold)
        if target is None:
            cid = canonical_id(event, ordinal)
            if cid in used:
                cid = canonical_id(replace(event, event_id=""), ordinal)
            used.add(cid)
            target = Cluster(cid)
            clusters.append(target)
        target.add(event)
    return clusters


# --------------------------------------------------------------------------- canonical record


def canonical_fatalities(reports: Iterable[int | None]) -> int:
    """ACLED's lowest credible toll: min over non-zero reports, 0 only when none reports deaths.

    >>> canonical_fatalities([0, 12, 9])
    9
    >>> canonical_fatalities([0, 0])
    0
    """
    nonzero = [int(n) for n in reports if n]
    return min(nonzero) if nonzero else 0


def vague_toll(e: Event) -> bool:
    """Is the mention's death toll only a vague word ("several people were killed", "plusieurs soldats",
    "dozens"), coded by convention (10, 12, ...), rather than a number a source gave?"""
    if not e.fatalities:
        return False
    texts = [ev.text for ev in e.evidence if ev.field == "fatalities" and ev.text]
    if not texts or lang_files(e.lang or "en", "numbers.yaml") is None:
        return False
    numbers = [n for t in texts for n in find_numbers(t, e.lang or "en")]
    return bool(numbers) and all(n.vague for n in numbers)


def toll_reports(mentions: Iterable[Event]) -> list[int]:
    """The death tolls that count for the canonical one: the numbers sources gave; the conventional
    value of a vague word only when no source gave a number."""
    mentions = list(mentions)
    precise = [m.fatalities for m in mentions if m.fatalities and not vague_toll(m)]
    return precise or [m.fatalities for m in mentions]


def _precision(value: int | None) -> int:
    return value if value is not None else 9


def _tag(evidence: list[Evidence], doc_id: str, canonical_doc: str, fields: set[str] | None = None) -> list[Evidence]:
    out = []
    for ev in evidence:
        if fields is not None and ev.field not in fields:
            continue
        if doc_id != canonical_doc:
            ev = replace(ev, rule=f"{ev.rule} [doc {doc_id}]".strip())
        out.append(ev)
    return out


def merge_mentions(mentions: list[Event], event_id: str) -> Event:
    """The canonical record of a cluster (rules in the module docstring); ``sources`` via :func:`sources_of`."""
    first = mentions[0]
    # type: confidence-weighted vote, ties to the earliest mention
    votes: Counter[tuple[str | None, str | None]] = Counter()
    for m in mentions:
        votes[(m.event_type, m.sub_event_type)] += max(m.confidence, 0.01)
    by_type: Counter[str | None] = Counter()
    for (etype, _sub), w in votes.items():
        by_type[etype] += w
    top_type = max(by_type, key=lambda t: (by_type[t], -_first_index(mentions, lambda m, t=t: m.event_type == t)))
    of_type = [m for m in mentions if m.event_type == top_type]
    main = max(of_type, key=lambda m: (m.confidence, -mentions.index(m)))
    subs = Counter()
    for m in of_type:
        subs[m.sub_event_type] += max(m.confidence, 0.01)
    top_sub = max(subs, key=lambda s: (subs[s], -_first_index(of_type, lambda m, s=s: m.sub_event_type == s)))

    place_src = min(mentions, key=lambda m: (m.latitude is None, vague_place(m), _precision(m.geo_precision)))
    dated = [m for m in mentions if m.event_date]
    if dated:
        best_tp = min(_precision(m.time_precision) for m in dated)
        candidates = [m for m in dated if _precision(m.time_precision) == best_tp]
        counts = Counter(m.event_date for m in candidates)
        date_src = min(candidates, key=lambda m: (-counts[m.event_date], m.event_date))
    else:
        date_src = first

    canon = replace(
        first,
        event_id=event_id,
        event_type=top_type,
        sub_event_type=top_sub,
        fatalities=canonical_fatalities(toll_reports(mentions)),
        notes=main.notes,
        confidence=max(m.confidence for m in mentions),
        evidence=[],
    )
    canon.event_date, canon.time_precision = date_src.event_date, date_src.time_precision
    for name in PLACE_FIELDS:
        setattr(canon, name, getattr(place_src, name))
    for name in ACTOR_FIELDS:
        value = getattr(main, name)
        if value is None:
            value = next((getattr(m, name) for m in of_type if getattr(m, name) is not None), None)
        setattr(canon, name, value)

    place_names = {"location", "place", *PLACE_FIELDS}
    date_names = {"event_date", "time_precision", "date"}
    toll_src = next((m for m in mentions if m.fatalities == canon.fatalities), first)
    evidence = _tag(main.evidence, main.doc_id, first.doc_id, None)
    evidence = [e for e in evidence if e.field not in place_names | date_names | {"fatalities"}]
    evidence += _tag(place_src.evidence, place_src.doc_id, first.doc_id, place_names)
    evidence += _tag(date_src.evidence, date_src.doc_id, first.doc_id, date_names)
    evidence += _tag(toll_src.evidence, toll_src.doc_id, first.doc_id, {"fatalities"})
    canon.evidence = evidence
    return canon


def _first_index(items: list[Event], pred) -> int:
    return next((i for i, m in enumerate(items) if pred(m)), len(items))


def sources_of(mentions: Iterable[Event]) -> list[dict[str, str | None]]:
    """The ``sources`` list of the contract: one ``{doc_id, url, published}`` per document, in ingest order."""
    seen: dict[str, dict[str, str | None]] = {}
    for m in mentions:
        seen.setdefault(m.doc_id, {"doc_id": m.doc_id, "url": m.source_url, "published": m.published})
    return list(seen.values())


def canonical_record(cluster: Cluster) -> dict:
    """The contract's canonical event: the event record plus ``sources`` and ``source_count``."""
    assert cluster.canonical is not None
    record = cluster.canonical.to_dict()
    record["sources"] = sources_of(cluster.mentions)
    record["source_count"] = len(record["sources"])
    return record
