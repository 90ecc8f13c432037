"""Assemble coded events from a parsed document: the one place that combines the extractors.

    mentions (triggers that passed the gates)
      └─ per event: place (geo) → date → fatalities → actors → notes, evidence, confidence

The first event is the document's main event (the earliest sentence that reports one).
Mentions of the same event type merge into one row; a later mention becomes its own event
only when it has another event type and its own date or place.
"""

from __future__ import annotations

import hashlib
import re

from spacy.tokens import Doc

from veille.extractors.actors import assign_actors
from veille.extractors.dates import resolve_date
from veille.extractors.fatalities import count_fatalities
from veille.extractors.mentions import Mention, find_mentions, main_mentions
from veille.extractors.triggers import coding_rules, event_type_of
from veille.geo import geoparse, locate_event
from veille.model import Article, Event, Evidence, Place, Toponym

CODER_VERSION = "veille-0.1"
MAX_EVENTS = 8
NOTES_MAX = 400


def _event_id(doc_id: str, index: int, mention: Mention) -> str:
    key = f"{CODER_VERSION}|{doc_id}|{index}|{mention.sub_event_type}|{mention.trigger.start}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _notes(text: str, sentence: tuple[int, int]) -> str:
    s = " ".join(text[sentence[0] : sentence[1]].split())
    return s if len(s) <= NOTES_MAX else s[: NOTES_MAX - 1].rsplit(" ", 1)[0] + "…"


def _stands_apart(event: Event, anchor: Mention, seen: list[tuple[str | None, str | None]]) -> bool:
    """A later mention is an event of its own only with a strong trigger and its own date or place,
    stated in its own sentence, that differ from every event already coded."""
    if anchor.trigger.weak or (event.event_date, event.location) in seen:
        return False
    start, end = anchor.sentence
    own = {e.field for e in event.evidence if start <= e.start < end and e.field in ("event_date", "location")}
    if "event_date" in own and all(event.event_date != d for d, _ in seen):
        return True
    return "location" in own and all(event.location != loc for _, loc in seen)


def _apply_actor_rules(ev: Event) -> None:
    """Codebook rules that depend on the actors (e.g. a state force taking ground regains territory)."""
    for rule in coding_rules().get("actor_rules", []):
        if ev.sub_event_type != rule["from"]:
            continue
        if "inter1" in rule and ev.inter1 not in rule["inter1"]:
            continue
        if "inter2" in rule and ev.inter2 not in rule["inter2"]:
            continue
        ev.sub_event_type = rule["to"]
        ev.event_type = event_type_of()[rule["to"]]
        ev.evidence.append(Evidence("sub_event_type", 0, 0, "", f"actor_rule:{rule['from']}->{rule['to']}"))
        return


DATELINE_TAIL = re.compile(r"\s*(?:\([^)\n]{1,30}\)\s*)?(?:,[^\n]{0,45}?)?[-–—]\s")


def _in_dateline(text: str, toponym: Toponym) -> bool:
    """Is the place the dateline of the report ("BAMAKO, 14 mars (AFP) -"), where it was filed?"""
    line_start = text.rfind("\n", 0, toponym.start) + 1
    return toponym.start - line_start <= 1 and line_start < 400 and bool(DATELINE_TAIL.match(text, toponym.end))


def _is_headline(text: str, sentence: tuple[int, int]) -> bool:
    """A first line without final punctuation, followed by a line break."""
    start, end = sentence
    line = text[start:end].rstrip()
    after = text[start + len(line) : start + len(line) + 3]
    return start < 5 and bool(line.strip()) and line[-1] not in '.!?»"”)' and "\n" in after


def _confidence(mention: Mention, place: Place | None, has_date: bool) -> float:
    score = 0.45 + 0.3 * min(1.0, mention.priority / 100)
    score += 0.1 if mention.sentence_index == 0 else 0.0
    score += 0.05 if place is not None and place.geo_precision in (1, 2) else 0.0
    score += 0.05 if has_date else 0.0
    return round(min(score, 0.99), 3)


class EventCoder:
    """Codes the events of one parsed document (stateless; resources are cached per process)."""

    def code(self, article: Article, doc: Doc) -> list[Event]:
        lang = article.lang or "en"
        groups = main_mentions(find_mentions(doc, lang))
        if not groups:
            return []
        toponyms = [t for t in geoparse(article.text, lang=lang, doc=doc) if not _in_dateline(article.text, t)]
        # Mentions of one event type merge into one event; its fields come from the first
        # mention that is not a headline (the lead sentence carries date, place and toll).
        by_type: dict[str, list[Mention]] = {}
        for group in groups:
            by_type.setdefault(group[0].event_type, []).append(group[0])
        events: list[Event] = []
        seen: list[tuple[str | None, str | None]] = []
        for mentions in by_type.values():
            mention = mentions[0]
            anchor = next((m for m in mentions if not _is_headline(article.text, m.sentence)), mention)
            event = self._code_one(article, doc, lang, mention, anchor, toponyms)
            if events and not _stands_apart(event, anchor, seen):
                continue  # no time or place of its own: another view of an event already coded
            seen.append((event.event_date, event.location))
            event.event_id = _event_id(article.doc_id, len(events), mention)
            events.append(event)
            if len(events) >= MAX_EVENTS:
                break
        return events

    def _code_one(
        self, article: Article, doc: Doc, lang: str, mention: Mention, anchor: Mention, toponyms: list[Toponym]
    ) -> Event:
        text = article.text
        sentence = anchor.sentence
        ev = Event(
            doc_id=article.doc_id,
            event_type=mention.event_type,
            sub_event_type=mention.sub_event_type,
            lang=lang,
            source_url=article.url,
            published=article.published,
            notes=_notes(text, sentence),
        )
        ev.evidence.extend(mention.evidence)
        ev.evidence.append(
            Evidence(
                "event_type", mention.trigger.start, mention.trigger.end, mention.trigger.text, mention.trigger.rule
            )
        )

        place = locate_event(text, toponyms, anchor=sentence, lang=lang)
        if place is not None:
            ev.set_place(place)

        date = resolve_date(text, sentence, article.published, lang)
        if date is not None:
            ev.event_date, ev.time_precision = date.date, date.precision
            ev.evidence.append(Evidence("event_date", date.start, date.end, date.text, date.rule))

        fat = count_fatalities(text, sentence, lang, doc=doc)
        ev.fatalities = fat.count
        if fat.count and fat.text:
            ev.evidence.append(Evidence("fatalities", fat.start, fat.end, fat.text, fat.rule))

        actors = assign_actors(
            doc, mention.span, sentence, ev.event_type, ev.sub_event_type, lang, ev.iso3, ev.country, ev.event_date
        )
        for name in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "inter1", "inter2"):
            setattr(ev, name, getattr(actors, name) or None)
        ev.evidence.extend(actors.evidence)
        _apply_actor_rules(ev)
        ev.confidence = _confidence(mention, place, date is not None)
        return ev
