"""Event triggers: which words announce an event, and of which ACLED sub-event type.

Triggers are regular expressions in ``resources/<lang>/triggers.yaml``; precedence and
refinements are language-neutral data in ``resources/common/coding.yaml``.

    >>> lex = TriggerLexicon.for_language("en")
    >>> [m.sub_event_type for m in lex.find("Gunmen attacked a village.")]
    ['Attack']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from veille.resources import load_yaml

FLAGS = re.IGNORECASE | re.UNICODE


def compile_alternation(patterns: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``patterns`` as whole words.

    Alternatives are tried longest pattern first, so that "rocket-propelled grenade" is
    preferred to "rocket" (Python's ``re`` takes the first alternative that matches).
    """
    body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", FLAGS)


@functools.cache
def event_type_of() -> dict[str, str]:
    """sub-event type -> event type, from the codebook table."""
    table = load_yaml("common/event_types.yaml")
    return {sub: et for et, subs in table.items() for sub in subs}


@functools.cache
def coding_rules() -> dict:
    return load_yaml("common/coding.yaml")


@dataclass(slots=True)
class TriggerMatch:
    """A trigger word in the text, with the sub-event type it announces."""

    sub_event_type: str
    start: int
    end: int
    text: str
    rule: str
    weak: bool = False  # a weak trigger only codes an event when nothing stronger is there

    @property
    def event_type(self) -> str:
        return event_type_of()[self.sub_event_type]

    @property
    def priority(self) -> int:
        if self.weak:
            return coding_rules().get("weak_priority", 5)
        return coding_rules()["priority"].get(self.sub_event_type, 0)


class TriggerLexicon:
    """Compiled trigger and cue patterns of one language."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self.triggers = [(sub, compile_alternation(pats), False) for sub, pats in data["triggers"].items()]
        self.triggers += [(sub, compile_alternation(pats), True) for sub, pats in data.get("weak_triggers", {}).items()]
        self.cues = {name: compile_alternation(pats) for name, pats in data.get("cues", {}).items()}
        # "@Sub-event type" names the trigger list of that type, usable as a cue
        self.cues.update({f"@{sub}": rx for sub, rx, weak in self.triggers if not weak})
        self.ignore = compile_alternation(data["ignore"]) if data.get("ignore") else None
        unknown = {sub for sub, _, _ in self.triggers} - set(event_type_of())
        if unknown:
            raise ValueError(f"{lang}/triggers.yaml: not ACLED sub-event types: {sorted(unknown)}")

    @classmethod
    @functools.cache
    def for_language(cls, lang: str) -> TriggerLexicon:
        return cls(lang, load_yaml(f"{lang}/triggers.yaml"))

    def find(self, text: str, offset: int = 0) -> list[TriggerMatch]:
        """All trigger matches in ``text``; a match nested in a longer one of another type is dropped."""
        blocked = [(m.start(), m.end()) for m in self.ignore.finditer(text)] if self.ignore else []
        found: list[TriggerMatch] = []
        for sub, rx, weak in self.triggers:
            for m in rx.finditer(text):
                if any(s <= m.start() and m.end() <= e for s, e in blocked):
                    continue
                rule = f"trigger:{self.lang}:{'weak:' if weak else ''}{sub}"
                found.append(TriggerMatch(sub, offset + m.start(), offset + m.end(), m.group(), rule, weak))
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        # A match overlapping a longer match of another reading is that reading's part
        # ("rocket-propelled grenade" is not a grenade; "abattu un drone" is not a killing).
        return [
            t
            for t in found
            if not any(
                o is not t and o.start < t.end and t.start < o.end and (o.end - o.start) > (t.end - t.start)
                for o in found
            )
        ]

    def cue(self, name: str, text: str, anchored: bool = False) -> re.Match[str] | None:
        """Search cue list ``name`` in ``text`` (``anchored``: only at its start)."""
        rx = self.cues.get(name)
        if rx is None:
            return None
        if anchored:
            return rx.match(text.lstrip(" ,;:")) if text else None
        return rx.search(text)
