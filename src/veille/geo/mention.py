"""A place-name mention: found by :mod:`veille.geo.recognise`, given its admin hints by
:mod:`veille.geo.hints`, resolved to one gazetteer row by :mod:`veille.geo.resolve`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Mention:
    """A recognised place-name span, with its candidate rows and the rule that found it."""

    start: int
    end: int
    text: str
    rule: str
    candidates: tuple[int, ...] = ()
    hints: list[Mention] = field(default_factory=list)  # admin hints that follow: "X, Luhansk", "X (Marib)"
    strict: bool = False  # a hint in brackets or a division/country: a candidate must fit it
    loose: bool = False  # candidates from a loose spelling: need the document's confirmation
    choice: int | None = None
