"""Actor lexicon: the data of ``resources/common/actors.yaml`` and ``resources/<lang>/actors.yaml``,
``resources/<lang>/demonyms.yaml``, compiled into a token-sequence matcher.

Matching is over spaCy tokens: case- and accent-insensitive, except for aliases written in capitals
(acronyms such as "IS", "AA", "NAS"), which must match as written.

    >>> lex = ActorLexicon.for_language("en")
    >>> [(m.kind, m.key) for m in lex.match(get_nlp("en")("Turkish troops shelled the village."))]
    [('country', 'TUR'), ('class', 'military'), ('class', 'civilians')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc
from unidecode import unidecode

from veille.nlp import get_nlp
from veille.resources import lang_files, load_yaml

T = TypeVar("T")

KIND_PRIORITY = {"named": 3, "class": 2, "country": 1}


@functools.lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Case- and accent-free form of a token."""
    return unidecode(text.replace("\u2019", "'")).lower()


def doc_norms(doc: Doc) -> list[str]:
    """``norm`` of every token of ``doc``, computed once per doc (cues are looked up at every token)."""
    cached = doc.user_data.get("veille_norms")
    if cached is None:
        cached = doc.user_data["veille_norms"] = [norm(t.text) for t in doc]
    return cached


def longest_at(i: int, end: int, max_len: int, lookup: Callable[[int, int], T | None]) -> tuple[int, T] | None:
    """The longest phrase of at most ``max_len`` tokens starting at token ``i`` (and ending by
    ``end``) that ``lookup(i, n)`` knows: ``(n, value)``, or None."""
    for n in range(min(max_len, end - i), 0, -1):
        value = lookup(i, n)
        if value is not None:
            return n, value
    return None


def is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return len(alias) <= 8 and len(letters) >= 2 and letters.isupper()


@dataclass(slots=True)
class Entry:
    """What a phrase means: a named actor, an actor class, or a country (demonym / name)."""

    kind: str  # "named" | "class" | "country"
    key: str  # ACLED name template, class name, or ISO3
    country: str | None = None  # for named state forces given as "class/ISO3"


@dataclass(slots=True)
class Match:
    """One lexicon phrase found in a doc (token offsets, end exclusive)."""

    start: int
    end: int
    kind: str
    key: str
    country: str | None = None
    alias: str = ""
    dropped: bool = False
    role: str | None = None
    extra: dict = field(default_factory=dict)


@functools.cache
def common_data() -> dict:
    return load_yaml("common/actors.yaml")


class ActorLexicon:
    """Compiled phrases of one language."""

    def __init__(self, lang: str):
        self.lang = lang
        common = common_data()
        local = lang_files(lang, "actors.yaml") or {}
        demonyms = lang_files(lang, "demonyms.yaml") or {}
        self.classes: dict[str, dict] = common["classes"]
        self.named: dict[str, dict] = {}
        self.exact: dict[tuple[str, ...], Entry] = {}  # acronyms: case-sensitive
        self.folded: dict[tuple[str, ...], Entry] = {}
        self.max_len = 1
        tokenizer = get_nlp(lang).tokenizer

        def add(alias: str, entry: Entry) -> None:
            toks = [t.text for t in tokenizer(str(alias).replace("\u2019", "'"))]
            if not toks:
                return
            tables = []
            if is_acronym(str(alias)):
                tables.append((self.exact, tuple(toks)))
            if not is_acronym(str(alias)) or len(re.sub(r"[^A-Za-z]", "", str(alias))) >= 4:
                # long acronyms also match in any case ("Monusco", "Minusma")
                tables.append((self.folded, tuple(norm(t) for t in toks)))
            for table, key in tables:
                old = table.get(key)
                if old is None or KIND_PRIORITY[entry.kind] > KIND_PRIORITY[old.kind]:
                    table[key] = entry
                self.max_len = max(self.max_len, len(key))

        for iso3, forms in (demonyms.get("countries") or {}).items():
            for form in forms:
                form = str(form)
                variants = [form]
                if " " not in form and not form[:1].isupper():
                    variants = [form + s for s in demonyms.get("suffixes", [""])]
                for v in variants:
                    add(v, Entry("country", iso3))
        self.capitalised: dict[tuple[str, ...], Entry] = {}  # classes matched only as written ("Division")
        for cls, words in (local.get("classes") or {}).items():
            if cls not in self.classes:
                raise ValueError(f"{lang}/actors.yaml: unknown actor class {cls!r}")
            for w in words:
                if self.classes[cls].get("capitalised"):
                    self.capitalised[tuple(t.text for t in tokenizer(str(w)))] = Entry("class", cls)
                else:
                    add(w, Entry("class", cls))
        for item in common["named"]:
            if "name" in item:
                key = str(item.get("id", item["name"]))
                self.named[key] = item
                entry = Entry("named", key)
            else:
                entry = Entry("class", item["class"], item["country"])
            for a in item.get("aliases", []):
                add(a, entry)
        for key, aliases in (local.get("named") or {}).items():
            if "/" in key and key.split("/")[0] in self.classes:
                cls, iso3 = key.split("/")
                entry = Entry("class", cls, iso3)
            elif key in self.named:
                entry = Entry("named", key)
            else:
                raise ValueError(f"{lang}/actors.yaml: {key!r} is not a named actor of common/actors.yaml")
            for a in aliases:
                add(a, entry)
        roles = local.get("roles") or {}
        self.roles = {k: [tuple(norm(t.text) for t in tokenizer(str(w))) for w in v] for k, v in roles.items()}
        self.weak = {" ".join(p) for p in self.roles.get("weak", [])}
        # first tokens of every phrase: a token that starts none is skipped at once
        self.first_raw = {k[0] for k in self.exact} | {k[0] for k in self.capitalised}
        self.first_folded = {k[0] for k in self.folded}

    @classmethod
    @functools.cache
    def for_language(cls, lang: str) -> ActorLexicon:
        return cls(lang)

    def match(self, doc: Doc, start: int = 0, end: int | None = None) -> list[Match]:
        """Longest-first phrase matches in tokens [start, end) of ``doc``."""
        end = len(doc) if end is None else end
        raw = [t.text.replace("\u2019", "'") for t in doc[start:end]]
        low = doc_norms(doc)[start:end]
        out: list[Match] = []
        i = 0
        while i < len(raw):
            if raw[i] not in self.first_raw and low[i] not in self.first_folded:
                i += 1
                continue
            found = longest_at(
                i,
                len(raw),
                self.max_len,
                lambda i, n: (
                    self.exact.get(tuple(raw[i : i + n]))
                    or self.capitalised.get(tuple(raw[i : i + n]))
                    or self.folded.get(tuple(low[i : i + n]))
                ),
            )
            if found is None:
                i += 1
                continue
            n, entry = found
            alias = doc[start + i : start + i + n].text
            out.append(Match(start + i, start + i + n, entry.kind, entry.key, entry.country, alias))
            i += n
        return out

    def folded_entry(self, alias: str, doc: Doc, start: int, end: int) -> Entry | None:
        """The case-free reading of a phrase ("Army" as the word army)."""
        return self.folded.get(tuple(doc_norms(doc)[start:end]))

    def is_weak(self, m: Match) -> bool:
        """A vague word ("forces", "troops") that names an actor only when nothing better is there."""
        return m.kind == "class" and not m.country and norm(m.alias) in self.weak

    def has_cue(self, role: str, doc: Doc, start: int, end: int) -> bool:
        """Whether a ``role`` cue phrase occurs in tokens [start, end)."""
        return any(self.cue_after(role, doc, i) for i in range(start, end))

    def is_cue(self, role: str, doc: Doc, i: int) -> int:
        """Length of a ``role`` cue phrase ending at token ``i`` (inclusive), 0 if none."""
        norms = doc_norms(doc)
        for phrase in self.roles.get(role, []):
            n = len(phrase)
            if i - n + 1 >= 0 and tuple(norms[i - n + 1 : i + 1]) == phrase:
                return n
        return 0

    def cue_after(self, role: str, doc: Doc, i: int) -> int:
        """Length of a ``role`` cue phrase starting at token ``i``, 0 if none."""
        norms = doc_norms(doc)
        for phrase in self.roles.get(role, []):
            n = len(phrase)
            if i + n <= len(norms) and tuple(norms[i : i + n]) == phrase:
                return n
        return 0
