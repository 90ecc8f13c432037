"""Modality: is a trigger an event that happened, or planned, threatened, negated, background?

Cue lists live in ``resources/<lang>/modality.yaml``. Two checks, both language-neutral:

* the words just before the trigger (same sentence) against the ``before`` cue lists;
* the trigger token's morphology from the parser (``morph``: e.g. the French future);
* the whole sentence against the ``nonevent`` list (disasters, accidents, sport, economy).

    >>> gate = ModalityGate.for_language("en")
    >>> gate.check("Rebels threatened to attack the town.", 23, 29)
    'planned'
"""

from __future__ import annotations

import functools
import re

from veille.extractors.triggers import compile_alternation
from veille.resources import load_yaml

WINDOW = 60  # characters before the trigger that the cues may reach


class ModalityGate:
    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self.before = {
            name: re.compile(compile_alternation(pats).pattern + r"\W*$", re.IGNORECASE)
            for name, pats in data.get("before", {}).items()
        }
        self.nonevent = compile_alternation(data["nonevent"]) if data.get("nonevent") else None
        background = data.get("nonevent_background", {})
        self.background = (
            re.compile(compile_alternation(background["before"]).pattern + r"\W*$", re.IGNORECASE)
            if background.get("before")
            else None
        )
        self.background_vetoes = frozenset(background.get("vetoes", ()))
        self.morph = tuple(data.get("morph", ()))

    @classmethod
    @functools.cache
    def for_language(cls, lang: str) -> ModalityGate:
        return cls(lang, load_yaml(f"{lang}/modality.yaml"))

    def check(self, sentence: str, start: int, end: int, morph: str = "") -> str | None:
        """Why the trigger at ``sentence[start:end]`` is not a real event now, or None if it is.

        ``start``/``end`` are offsets into ``sentence``; ``morph`` is the spaCy morphology
        string of the trigger's head token (e.g. ``"Mood=Cnd|Tense=Pres"``).
        """
        left = sentence[max(0, start - WINDOW) : start]
        for name, rx in self.before.items():
            if rx.search(left):
                return name
        if any(feature in morph for feature in self.morph):
            return "planned"
        return None

    def vetoes(self, sentence: str, names: list[tuple[int, int]] = ()) -> list[tuple[re.Match[str], bool]]:
        """The non-event cues of ``sentence`` that speak for the sentence, each with whether it is
        background only. A cue inside a name (``names``: character spans of organisations, as
        "Awami League" or "Storm Brigade") is part of that name; a cue in a clause of cause or
        time ("after a road accident", "marking a year since Cyclone Fani") is background: it vetoes
        only the event types listed under ``nonevent_background.vetoes``.

        >>> gate = ModalityGate.for_language("en")
        >>> [(m.group(), bg) for m, bg in gate.vetoes("Riders burnt a car after a road accident.")]
        [('road accident', True)]
        """
        if not self.nonevent:
            return []
        out = []
        for m in self.nonevent.finditer(sentence):
            if any(a <= m.start() and m.end() <= b for a, b in names):
                continue
            left = sentence[max(0, m.start() - WINDOW) : m.start()]
            out.append((m, bool(self.background and self.background.search(left))))
        return out

    def vetoed(self, cues: list[tuple[re.Match[str], bool]], event_type: str) -> bool:
        """Whether the cues of :meth:`vetoes` rule out a trigger of ``event_type`` (protests never:
        a protest about a disaster is still a protest)."""
        if event_type == "Protests":
            return False
        return any(not background or event_type in self.background_vetoes for _, background in cues)
