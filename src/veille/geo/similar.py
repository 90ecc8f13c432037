"""Reports like this one, earlier in the same run: what a report's own words leave open about its place.

A note such as "protesters blocked the Saadnayel highway in both directions" names a village the
gazetteer lacks (GeoNames >= 500 holds few of a country's villages); "protesters gathered outside
the Seray in Tripoli" names a town of Libya and of Lebanon and nothing else. Earlier reports of the
same run that share its rare words ("Saadnayel", "exchange rate", "tyres") and were placed by their
own words tell its likely country. An event with no place is put at that country's point, precision
3; a place whose namesake lies in that country moves there. Either way the rule is
``geo:similar-reports`` and the evidence the rarest word the report shares with them. A town or
division of the gazetteer is never replaced by a country: only a choice the text leaves open between
same-named places is settled here, and only when the nearest reports agree.

Reports are remembered in input order (the pipeline keeps it, whatever the number of workers),
so a run's output does not depend on how it was split across processes.

    >>> from veille.geo.similar import SimilarReports
    >>> memory = SimilarReports()
    >>> memory.learn("Protesters blocked the Saadnayel highway near Zahle.", "en", "LB")
    >>> memory.guess("Rioters blocked the Saadnayel highway with tyres.", "en")[0]
    'LB'
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, deque

from veille.model import Event, Evidence, Place

_WORD = re.compile(r"[^\W\d_]{3,}")
MAX_CHARS = 3000  # the lead of a long page is enough to tell what it is about
SHORTLIST = 50  # reports by shared rare words, before the cosine


@functools.cache
def _stop_words(lang: str) -> frozenset[str]:
    """The function words of ``lang`` (``resources/common/function_words.yaml``); rarity weighting
    and ``max_df`` take care of the other common words."""
    from veille.resources import load_yaml

    return frozenset(str(w) for w in load_yaml("common/function_words.yaml").get(lang, ()))


def terms(text: str, lang: str) -> frozenset[str]:
    """The content words of a report's lead, lower-cased, without stop words and numbers."""
    stop = _stop_words(lang)
    return frozenset(w for w in _WORD.findall(text[:MAX_CHARS].lower()) if w not in stop)


class SimilarReports:
    """A bounded memory of placed reports (their words and country), queried by word overlap.

    ``k`` nearest reports with a cosine similarity of at least ``min_similarity`` (words weighted by
    their rarity in the memory) vote with their similarity; the country with ``min_share`` of the
    votes is the guess. Words in more than ``max_df`` of the remembered reports are ignored.
    """

    def __init__(
        self,
        k: int = 5,
        min_similarity: float = 0.2,
        min_share: float = 0.6,
        capacity: int = 10_000,
        max_df: float = 0.1,
    ):
        self.k, self.min_similarity, self.min_share = k, min_similarity, min_share
        self.capacity, self.max_df = capacity, max_df
        self._docs: deque[tuple[int, frozenset[str], str]] = deque()  # (serial, words, country)
        self._by_serial: dict[int, tuple[frozenset[str], str]] = {}
        self._postings: dict[str, set[int]] = {}
        self._serial = 0

    def __len__(self) -> int:
        return len(self._docs)

    def learn(self, text: str, lang: str, country: str) -> None:
        """Remember a placed report of ``country`` (any code, returned as is by :meth:`guess`)."""
        words = terms(text, lang)
        if not words:
            return
        self._serial += 1
        self._docs.append((self._serial, words, country))
        self._by_serial[self._serial] = (words, country)
        for w in words:
            self._postings.setdefault(w, set()).add(self._serial)
        if len(self._docs) > self.capacity:
            serial, old, _ = self._docs.popleft()
            del self._by_serial[serial]
            for w in old:
                posting = self._postings[w]
                posting.discard(serial)
                if not posting:
                    del self._postings[w]

    def _idf(self, w: str) -> float:
        df = len(self._postings.get(w, ()))
        if not df or df > max(self.max_df * len(self._docs), 50):
            return 0.0
        return math.log((len(self._docs) + 1) / df)

    def guess(self, text: str, lang: str) -> tuple[str, str, float] | None:
        """``(country, rarest shared word, share of the votes)`` for a report, or None."""
        words = sorted(terms(text, lang))  # in a fixed order: sums and ties the same in every process
        weights = {w: idf for w in words if (idf := self._idf(w)) > 0}
        if not weights:
            return None
        norm = math.sqrt(sum(v * v for v in weights.values()))
        overlap: Counter = Counter()
        for w, v in weights.items():
            for serial in self._postings[w]:
                overlap[serial] += v * v
        scored = []
        shortlist = sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0]))[:SHORTLIST]
        for serial, dot in shortlist:  # the cosine only for the largest overlaps
            other, country = self._by_serial[serial]
            other_norm = math.sqrt(sum(self._idf(w) ** 2 for w in sorted(other)))
            scored.append((dot / (norm * other_norm), serial, country))
        scored.sort(reverse=True)
        votes: Counter = Counter()
        for sim, _, country in scored[: self.k]:
            if sim >= self.min_similarity:
                votes[country] += sim
        if not votes:
            return None
        country, weight = votes.most_common(1)[0]
        share = weight / sum(votes.values())
        if share < self.min_share:
            return None
        near = [self._by_serial[s][0] for sim, s, c in scored[: self.k] if c == country and sim >= self.min_similarity]
        shared = max((w for w in weights if any(w in o for o in near)), key=lambda w: (weights[w], w))
        return country, shared, share


def fill_country(events: list[Event], text: str, lang: str, memory: SimilarReports) -> None:
    """Settle the report's place with similar earlier reports, then remember it.

    An event with no place at all is put in the country of similar reports (precision 3, at the
    country's point). A town or division whose name another country's town or division bears, with
    nothing in the text for either ("Tripoli" alone), moves to its namesake in the similar reports'
    country (``Event.alternatives``, set by :func:`veille.geo.locate.locate_event`). A report placed
    by its own words is remembered with its first event's country; a guessed one is not, so guesses
    do not feed guesses.
    """
    placed = [e for e in events if e.iso3]
    if placed and not placed[0].alternatives:
        memory.learn(text, lang, placed[0].iso3)
        return
    if not events:
        return
    found = memory.guess(text, lang)
    if found is None:
        return
    iso3, word, _ = found
    if placed:
        _move_to_namesake(events, placed[0], iso3, text, word)
        return
    place = country_place(iso3, text, word)
    if place is None:
        return
    for e in events:
        e.set_place(place)


def _move_to_namesake(events: list[Event], first: Event, iso3: str, text: str, word: str) -> bool:
    """Move the events placed where ``first`` is to its same-named place in ``iso3``, if it has one."""
    place = next((p for p in first.alternatives if p.iso3 == iso3), None)
    if place is None:
        return False
    where = next((ev for ev in reversed(first.evidence) if ev.field == "location"), None)
    if where is not None:  # the events share their place's evidence
        where.rule += "+" + RULE
    start, end = _span(text, word)
    moved = first.geonameid
    for e in events:
        if e.geonameid != moved:
            continue
        e.iso3, e.country, e.admin1, e.location = place.iso3, place.country, place.admin1, place.location
        e.latitude, e.longitude, e.geonameid = place.latitude, place.longitude, place.geonameid
        e.alternatives = ()
        e.evidence.append(Evidence(field="location", start=start, end=end, text=text[start:end], rule=RULE))
    return True


def _span(text: str, word: str) -> tuple[int, int]:
    m = re.search(rf"(?i)(?<!\w){re.escape(word)}(?!\w)", text)
    return (m.start(), m.end()) if m else (0, 0)


RULE = "geo:similar-reports"


def country_place(iso3: str, text: str, word: str) -> Place | None:
    """The place of country ``iso3`` at its point, with ``word`` (a word of ``text``) as evidence."""
    from veille.geo.locate import country_place as place_of

    start, end = _span(text, word)
    return place_of(iso3, Evidence(field="location", start=start, end=end, text=text[start:end], rule=RULE))
