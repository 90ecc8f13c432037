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

    def nonevent_cue(self, sentence: str) -> re.Match[str] | None:
        return self.nonevent.search(sentence) if self.nonevent else None
