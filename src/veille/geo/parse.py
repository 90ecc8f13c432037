"""Toponym recognition (spaCy entities + gazetteer n-grams) and disambiguation.

Recognition: place entities of the spaCy pipeline (labels per language in
``resources/<lang>/places.yaml``), plus capitalised n-grams found in the gazetteer that the
model missed (not inside a person/organisation entity, not a common word).

Disambiguation, one sense per name per document: population and feature class (country,
division, capital, town), the document's country context, and admin hints that follow a
name ("Holubivske, Luhansk", "Douala (Wouri, Littoral)") which select the candidate inside
that division or country.

    >>> from veille.geo import geoparse
    >>> [t.name for t in geoparse("Protesters gathered in Kabul, Afghanistan.", "en")]
    ['Kabul', 'Afghanistan']
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from veille.geo.gazetteer import CLOSE_SPELLING, Gazetteer, Row, get_gazetteer
from veille.geo.normalize import key, plain
from veille.model import Toponym
from veille.resources import lang_files

MAX_NGRAM = 5
MAX_CANDIDATES = 60


@dataclass(frozen=True)
class LangSpec:
    """Per-language data from ``resources/<lang>/places.yaml``."""

    lang: str
    entity_labels: frozenset[str]
    blocking_labels: frozenset[str]
    strip_prefixes: tuple[str, ...]
    stop_words: frozenset[str]
    origin_cues: tuple[str, ...] = ()
    near_cues: tuple[str, ...] = ()
    target_cues: tuple[str, ...] = ()
    modifier_after: tuple[str, ...] = ()
    modifier_suffixes: tuple[str, ...] = ()
    modifier_before: tuple[str, ...] = ()
    force_nouns: frozenset[str] = frozenset()
    capital_words: tuple[str, ...] = ()
    reference_cues: tuple[str, ...] = ()
    slot_cues: tuple[str, ...] = ()
    institution_nouns: tuple[str, ...] = ()


@functools.cache
def lang_spec(lang: str) -> LangSpec:
    d = lang_files(lang, "places.yaml") or lang_files("en", "places.yaml")
    return LangSpec(
        lang=lang,
        entity_labels=frozenset(d.get("entity_labels", [])),
        blocking_labels=frozenset(d.get("blocking_labels", [])),
        strip_prefixes=tuple(sorted(d.get("strip_prefixes", []), key=len, reverse=True)),
        stop_words=frozenset(plain(w) for w in d.get("stop_words", [])),
        origin_cues=tuple(plain(w) for w in d.get("origin_cues", [])),
        near_cues=tuple(plain(w) for w in d.get("near_cues", [])),
        target_cues=tuple(plain(w) for w in d.get("target_cues", [])),
        modifier_after=tuple(plain(w) for w in d.get("modifier_after", [])),
        modifier_suffixes=tuple(d.get("modifier_suffixes", [])),
        modifier_before=tuple(plain(w) for w in d.get("modifier_before", [])),
        force_nouns=frozenset(plain(w) for w in d.get("force_nouns", [])),
        capital_words=tuple(d.get("capital_words", [])),
        reference_cues=tuple(plain(w) for w in d.get("reference_cues", [])),
        slot_cues=tuple(plain(w) for w in d.get("slot_cues", [])),
        institution_nouns=tuple(sorted((plain(w) for w in d.get("institution_nouns", [])), key=len, reverse=True)),
    )


@functools.cache
def demonyms(lang: str) -> dict[str, str]:
    """``resources/<lang>/places_demonyms.yaml``: plain demonym -> country code or region name."""
    d = lang_files(lang, "places_demonyms.yaml") or {}
    return {plain(k): str(v) for k, v in d.items() if not k.startswith("_")}


@functools.cache
def demonyms_any_case(lang: str) -> bool:
    """French writes demonyms as lower-case adjectives ("l'armée malienne")."""
    return bool((lang_files(lang, "places_demonyms.yaml") or {}).get("_any_case"))


def _demonym_row(gaz: Gazetteer, target: str) -> int | None:
    if len(target) == 2 and target.isupper():
        return gaz.countries.get(target)
    for i in gaz.lookup(target):
        if gaz.rows[i].feature_code == "RGN":
            return i
    return None


def _capital_phrase(text: str, start: int, end: int, spec: LangSpec) -> tuple[int, int] | None:
    """The span of "<demonym> capital" / "capitale <demonym>" around a demonym, or None."""
    for w in spec.capital_words:
        after = re.match(rf"\s+{re.escape(w)}\b", text[end : end + len(w) + 3], re.I)
        if after:
            return start, end + after.end()
        lo = max(0, start - len(w) - 3)
        before = re.search(rf"\b{re.escape(w)}\s+$", text[lo:start], re.I)
        if before:
            return lo + before.start(), end
    return None


def lang_of(spec: LangSpec) -> str:
    return spec.lang


def is_demonym(text: str, lang: str) -> bool:
    s = plain(text)
    table = demonyms(lang)
    return s in table or (s.endswith("s") and s[:-1] in table)


@functools.cache
def cue_pattern() -> tuple[re.Pattern, dict[str, str]]:
    from veille.resources import load_yaml

    table = {str(n): cc for cc, names in load_yaml("geo/context_cues.yaml").items() for n in names}
    alts = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"), table


def context_countries(text: str) -> Counter:
    """Countries that groups and institutions named in ``text`` tie it to (``geo/context_cues.yaml``)."""
    pattern, table = cue_pattern()
    return Counter(table[m.group(0)] for m in pattern.finditer(text))


@functools.cache
def _area_pattern() -> tuple[re.Pattern | None, dict[str, str]]:
    from veille.resources import load_yaml

    table = {str(n): area for area, names in (load_yaml("geo/context_areas.yaml") or {}).items() for n in names}
    if not table:
        return None, {}
    alts = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])"), table


def context_areas(text: str, gaz: Gazetteer | None = None) -> list[tuple[Row, re.Match]]:
    """Areas that forces and missions named in ``text`` tie it to (``geo/context_areas.yaml``):
    the gazetteer row of each area (a region or a division) with the first match naming it."""
    pattern, table = _area_pattern()
    if pattern is None:
        return []
    gaz = gaz or get_gazetteer()
    out: dict[str, tuple[Row, re.Match]] = {}
    for m in pattern.finditer(text):
        area = table[m.group(0)]
        if area in out:
            continue
        rows = [gaz.rows[i] for i in gaz.lookup(area) if gaz.rows[i].feature_code in ("RGN", "ADM1")]
        if rows and rows[0].latitude is not None:
            out[area] = (rows[0], m)
    return list(out.values())


AREA_RADIUS = 2.0  # degrees (about 200 km): beyond it a small same-name village is not the one meant


def _deg(a: Row, lat: float, lon: float) -> float:
    coslat = math.cos(math.radians(lat))
    return math.hypot(a.latitude - lat, (a.longitude - lon) * coslat)


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


# ---------------------------------------------------------------- recognition


def cue_at(left: str, cues: tuple[str, ...], at_end: bool) -> str | None:
    """The longest cue found in the left context ``left``: at its end (before an optional
    article) if ``at_end``, else anywhere. Cues are :func:`plain` forms."""
    left = " " + plain(left) + " "
    best = None
    for c, pattern in _cue_patterns(cues, at_end):
        if pattern.search(left) and (best is None or len(c) > len(best)):
            best = c
    return best


@functools.lru_cache(maxsize=64)
def _cue_patterns(cues: tuple[str, ...], at_end: bool) -> tuple[tuple[str, re.Pattern], ...]:
    """Compiled once per cue list (``cue_at`` runs for every toponym)."""
    tail = "(?: the| la| le| les| l)? $" if at_end else " "
    return tuple((c, re.compile(rf" {re.escape(c)}{tail}")) for c in cues)


def _strip(text: str, start: int, spec: LangSpec) -> tuple[str, int]:
    for p in spec.strip_prefixes:
        if text.startswith(p) and len(text) > len(p) + 1:
            return text[len(p) :], start + len(p)
    return text, start


def _candidates(gaz: Gazetteer, text: str) -> tuple[int, ...]:
    cands = gaz.lookup(text)
    if not cands and (text.endswith("'s") or text.endswith("’s")):
        cands = gaz.lookup(text[:-2])
    return cands[:MAX_CANDIDATES]


def _part_candidates(gaz: Gazetteer, text: str, stop: frozenset[str]) -> tuple[int, ...]:
    """For a name the gazetteer lacks ("Orange County", "Northern Iraq"): the best run of its
    words that is a known place (a country or division first, then the longest, then the first)."""
    words = re.split(r"[\s-]+", text.replace("’s", "").replace("'s", ""))  # "Belgrade-Vracar" too
    rank = {"PCLI": 3, "RGN": 2, "ADM1": 2}
    best, best_key = (), None
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            part = " ".join(words[i : i + n])
            if not part[:1].isupper() or len(part) < 3 or any(plain(w) in stop for w in part.split()):
                continue
            cands = tuple(
                i for i in gaz.lookup(part) if gaz.rows[i].feature_code != "PPL" or gaz.rows[i].population >= 100_000
            )
            if cands:
                k = (rank.get(gaz.rows[cands[0]].feature_code, 1), n, -i)
                if best_key is None or k > best_key:
                    best, best_key = cands[:MAX_CANDIDATES], k
    return best


def recognise(doc, lang: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """Place-name mentions of a spaCy ``doc`` (sorted by offset, non-overlapping)."""
    gaz = gaz or get_gazetteer()
    spec = lang_spec(lang)
    text = doc.text
    mentions: list[Mention] = []
    taken = [False] * (len(text) + 1)

    def take(m: Mention) -> None:
        mentions.append(m)
        for i in range(m.start, m.end):
            taken[i] = True

    for ent in doc.ents:
        # "Douala, Cameroon" or "Mayo-Sava, Extreme-Nord" as one entity: one mention per part
        offset = ent.start_char
        for part in re.split(r"(\s*[,()\[\]]\s*)", ent.text):
            if part and not re.match(r"\s*[,()\[\]]", part):
                m = _entity_mention(doc, ent, part, offset, spec, gaz, whole=part == ent.text)
                if m is not None and not any(taken[m.start : m.end]):
                    take(m)
            offset += len(part)

    # demonyms ("Syrian", "South African"): mentions of the country or region
    toks = list(doc)
    table, any_case = demonyms(lang), demonyms_any_case(lang)
    for i, tok in enumerate(toks):
        if not (any_case or tok.text[:1].isupper()) or taken[tok.idx]:
            continue
        for n in (2, 1):
            if i + n > len(toks) or not toks[i + n - 1].text[:1].isalpha():
                continue
            end = toks[i + n - 1].idx + len(toks[i + n - 1].text)
            s = text[tok.idx : end].rstrip("-")
            end = tok.idx + len(s)
            p = plain(s)
            target = table.get(p)
            if target is None or any(taken[tok.idx : end]):
                continue
            row = _demonym_row(gaz, target)
            if row is None:
                continue
            capital = _capital_phrase(text, tok.idx, end, spec)
            if capital is not None and (town := gaz.capitals.get(gaz.rows[row].country_code)) is not None:
                # "the Haitian capital", "la capitale malienne": the capital city itself
                start, stop = capital
                if not any(taken[start:stop]):
                    take(Mention(start, stop, text[start:stop], "capital", (town,)))
                    break
            after = plain(text[end : end + 20]).split()[:1]
            divisions = tuple(i for i in gaz.lookup(s) if gaz.rows[i].feature_code in ("ADM1", "ADM2"))
            if divisions and _division_words().intersection(after):
                # "Somali region", "Afar region": the division named like the people
                take(Mention(tok.idx, end, s, "demonym:division", divisions))
                break
            take(Mention(tok.idx, end, s, "demonym", (row,)))
            break

    # gazetteer n-grams the model missed
    person = {"PERSON", "PER"}
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok.text[:1].isupper() or taken[tok.idx]:
            i += 1
            continue
        # a place slot: "(X", ", X" after a place, "in X", "near X": the model's label does not matter
        left = text[max(0, tok.idx - 30) : tok.idx]
        slot = (
            bool(re.search(r"\(\s*$", left))
            or _after_place_noun(left)
            or bool(
                (left.rstrip().endswith(",") and any(m.end >= tok.idx - 3 for m in mentions))
                or cue_at(left, spec.target_cues + spec.near_cues, at_end=True)
            )
        )
        person_start = tok.ent_type_ in person and not slot
        found = None
        for n in range(min(MAX_NGRAM, len(toks) - i), 0, -1):
            last = toks[i + n - 1]
            if n > 1 and not _joinable(toks, i, n):
                continue
            end = last.idx + len(last.text)
            if any(taken[tok.idx : end]):
                continue
            s = text[tok.idx : end]
            if n == 1 and (plain(s) in spec.stop_words or len(s) < 2 or plain(s) in _articles()):
                continue
            raw = _candidates(gaz, s)
            cands = _filter(gaz, s, raw, 100_000)
            if not cands and (n > 1 or slot and not toks[i].is_sent_start):  # "near Svitlodarsk", "Tall
                cands = raw  # Refaat": an alternate name is enough in a place slot or for a name of several words
            if not cands:
                continue
            # "Al Bab city", "Chora district": a place, whatever the model says; so is a whole
            # one-name entity that is a capital or a large city ("Thessaloniki" taken for a person)
            named = _settlement_noun_after(text, end) or _notable_whole_entity(gaz, cands, toks, i, n)
            if person_start and not named:
                continue
            if _acronym(s) and gaz.rows[cands[0]].feature_code not in ("PCLI", "RGN"):
                if not (gaz.rows[cands[0]].feature_code == "ADM1" and _hint_slot(text, tok.idx, end, mentions)):
                    continue
            top = gaz.rows[cands[0]]
            if (top.feature_code == "PPL" and top.population < 500_000) and _inside_name(toks, i, n):
                continue
            if (
                tok.ent_type_ in person
                and i + n < len(toks)
                and toks[i + n].ent_iob_ == "I"
                and not _noun_pattern()[1].match(text[end : end + 30])
            ):
                continue  # the start of a longer person's name: "(Nelson Mandela Bay, ...)", not "Rafi LGA"
            blocked = [t.ent_type_ for t in toks[i : i + n] if t.ent_type_ in spec.blocking_labels]
            if blocked and not (slot or named):
                if person.intersection(blocked) or gaz.rows[cands[0]].feature_code not in ("PCLI", "RGN"):
                    continue
            if not ((slot or named) and not toks[i].is_sent_start) and not _plausible(
                gaz, cands, toks[i : i + n], spec
            ):
                continue
            found = Mention(tok.idx, end, s, "gazetteer", cands)
            break
        if found is not None:
            take(found)
            while i < len(toks) and toks[i].idx < found.end:
                i += 1
        else:
            i += 1
    mentions = [m for m in mentions if not _modifier(text, m, spec, gaz)]
    for m in mentions:  # "Saudi-led", "London-based": a place name, but neither context nor event place
        if is_modifier(text, m.end, spec.lang):
            m.rule += ":modifier"
    mentions.sort(key=lambda m: m.start)
    return mentions


def is_modifier(text: str, end: int, lang: str) -> bool:
    """The name ending at ``end`` qualifies an actor: "Saudi-led coalition", "Iran-backed militia"."""
    return any(text.startswith(suffix, end) for suffix in lang_spec(lang).modifier_suffixes)


def _modifier(text: str, m: Mention, spec: LangSpec, gaz: Gazetteer) -> bool:
    """A name used as a modifier ("the US dollar", "Molotov cocktail"): no place."""
    after = " " + plain(text[m.end : m.end + 25]) + " "
    before = " " + plain(text[max(0, m.start - 15) : m.start]) + " "
    if any(after.startswith(f" {w} ") for w in spec.modifier_after):
        top = gaz.rows[m.candidates[0]] if m.candidates else None
        return top is None or top.feature_code == "PCLI" or plain(text[m.end :]).startswith("cocktail")
    return any(before.endswith(f" {w} ") for w in spec.modifier_before)


def _hint_slot(text: str, start: int, end: int, mentions: list | None) -> bool:
    """An abbreviation that qualifies the name before it: "(UP)", ", J&K)", "Surat, AP"."""
    left = text[max(0, start - 3) : start]
    right = text[end : end + 2]
    return bool(re.search(r"[(,]\s*$", left)) and bool(re.match(r"\s*[).,;]|\s*$", right))


def _acronym(s: str) -> bool:
    """ "GNA", "LNA": capitals that are organisations far more often than towns."""
    return s.isupper() and len(s.replace(".", "")) <= 4


@functools.cache
def _words(key: str) -> frozenset[str]:
    """A word list of ``resources/geo/normalize.yaml``."""
    from veille.resources import load_yaml

    return frozenset(load_yaml("geo/normalize.yaml")[key])


@functools.cache
def _articles() -> frozenset[str]:
    from veille.resources import load_yaml

    return frozenset(load_yaml("geo/normalize.yaml")["article_prefixes"])


def _inside_name(toks, i: int, n: int) -> bool:
    """The n-gram is part of a longer capitalised name ("Boko Haram", "Bat Galim Square")."""
    before = toks[i - 1] if i > 0 else None
    after = toks[i + n] if i + n < len(toks) else None
    if before is not None and before.text[:1].isupper() and not toks[i].is_sent_start and before.whitespace_:
        if before.text.lower() not in _words("leading_articles") and not before.is_punct:
            return True
    if after is not None and after.text in {"-", "‐"} and i + n + 1 < len(toks) and not toks[i + n - 1].whitespace_:
        return toks[i + n + 1].text[:1].isupper()  # "Mayo" of "Mayo-Sava"
    return after is not None and after.text[:1].isupper() and bool(toks[i + n - 1].whitespace_)


def _text(doc) -> str:
    """``doc.text``, computed once per doc (spaCy rebuilds it from the tokens on every access)."""
    cached = doc.user_data.get("veille_text")
    if cached is None:
        cached = doc.user_data["veille_text"] = doc.text
    return cached


def _extend(doc, end: int, start: int, gaz: Gazetteer) -> tuple[str, tuple[int, ...]] | None:
    """An entity cut short by the model: the longest gazetteer name that continues it with
    linkers and capitalised words ("Valle" + " del Cauca")."""
    text, best = _text(doc), None
    for n in range(1, 4):
        if end + n > len(doc):
            break
        last = doc[end + n - 1]
        if not (last.text[:1].isupper() or last.text.lower() in _words("name_linkers")):
            break
        if last.text[:1].isupper():
            s = text[start : last.idx + len(last.text)]
            cands = gaz.lookup(s)
            if cands:
                best = (s, cands[:MAX_CANDIDATES])
    return best


def _extend_left(doc, first: int, end: int, gaz: Gazetteer) -> tuple[int, str, tuple[int, ...]] | None:
    """An entity whose start the model cut off: the longest gazetteer name that ends where it ends
    and starts up to three capitalised words (or linkers) before it."""
    text, best = _text(doc), None
    for n in range(1, 4):
        if first - n < 0:
            break
        tok = doc[first - n]
        if tok.ent_type_ or not (tok.text[:1].isupper() or tok.text.lower() in _words("name_linkers")):
            break
        if tok.text[:1].isupper() and not tok.is_sent_start:
            cands = gaz.lookup(text[tok.idx : end])
            if cands:
                best = (tok.idx, text[tok.idx : end], cands[:MAX_CANDIDATES])
    return best


def _entity_mention(doc, ent, part: str, offset: int, spec: LangSpec, gaz: Gazetteer, whole: bool) -> Mention | None:
    """A mention for (a comma-separated part of) a spaCy entity, or None."""
    text = _text(doc)
    s, start = _strip(part, offset, spec)
    s = s.rstrip(" .,;:-")
    if not s or plain(s) in spec.stop_words or is_demonym(s, lang_of(spec)):
        return None
    if not (s[:1].isupper() or _ARTICLE_NAME.match(s)):  # "al-Hasakeh" is a name too
        return None
    cands = _filter(gaz, s, _candidates(gaz, s), 20_000)
    if not cands and cue_pattern()[0].fullmatch(s):  # a group tied to a country ("Boko Haram"), not a place
        return None
    if _acronym(s) and (not cands or gaz.rows[cands[0]].feature_code not in ("PCLI", "RGN")):
        if not (cands and gaz.rows[cands[0]].feature_code == "ADM1" and _hint_slot(text, start, start + len(s), None)):
            return None
    if whole:
        ext = _extend(doc, ent.end, start, gaz)  # "Valle" + "del Cauca"
        if ext is not None:
            s, cands = ext
        left = _extend_left(doc, ent.start, start + len(s), gaz)  # "Tarn" + "Taran", "Catole do" + "Rocha"
        if left is not None:
            start, s, cands = left
    if ent.label_ not in spec.entity_labels:
        # a place the model took for a person/organisation: "near Al Qa'im", "in Al Jawf", "(Marib)",
        # "residents of Kasoa", "Kasoa (Awutu Senya, Central)"; "Aydin Governorship": Aydin
        inst = _institution_place(s, spec, gaz)
        if inst is not None:
            return Mention(start, start + len(inst[0]), inst[0], f"ner:{ent.label_}:institution", inst[1])
        left = text[max(0, start - 30) : start]
        slot = cue_at(left, spec.target_cues + spec.near_cues + spec.origin_cues + spec.slot_cues, at_end=True)
        hinted = re.match(r"\s*\(", text[start + len(s) :]) is not None
        if not (slot or hinted or re.search(r"[(,]\s*$", left)):
            return None
        if not cands and slot and "-" in s:  # "in al-Hasakeh": a loose spelling, confirmed later
            cands = gaz.lookup_loose(s)
            if cands:
                return Mention(start, start + len(s), s, f"ner:{ent.label_}:loose", cands, loose=True)
        if not cands:
            return None
    rule, loose = f"ner:{ent.label_}", False
    bare = _without_place_noun(s) if ent.label_ in spec.entity_labels else None
    if bare is not None and not cands:  # "Jericho city", "Province de Kunar": the bare name
        bare_cands = _filter(gaz, bare[0], _candidates(gaz, bare[0]), 20_000)
        if bare_cands:
            start, s, cands = start + bare[1], bare[0], bare_cands
    elif bare is not None and bare[1] == 0 and (plain(s[len(bare[0]) :]).split() or [""])[0] in _words("town_words"):
        # "Hays city": the towns named Hays too, not only the one also called "Hays City"; the whole
        # name stays the surface ("Quezon City" is no town "Quezon")
        towns = tuple(
            i for i in _filter(gaz, bare[0], _candidates(gaz, bare[0]), 20_000) if gaz.rows[i].feature_code == "PPL"
        )
        cands = tuple(dict.fromkeys(cands + towns))[:MAX_CANDIDATES]
    if not cands and ent.label_ in spec.entity_labels:
        cands = gaz.lookup_loose(s)
        rule, loose = (rule + ":loose", True) if cands else (rule, False)
    if not cands and ent.label_ in spec.entity_labels:
        cands = _part_candidates(gaz, s, spec.stop_words)
        rule += ":part"
    return Mention(start, start + len(s), s, rule, cands, loose=loose)


def _institution_place(s: str, spec: LangSpec, gaz: Gazetteer) -> tuple[str, tuple[int, ...]] | None:
    """The place that names an institution: "Aydin Governorship", "Van Governor's Office", "Hama
    Airbase" -> the town, if the words before the institution noun are a place of the gazetteer."""
    p = plain(s)
    for noun in spec.institution_nouns:
        if p.endswith(" " + noun):
            words = s.split()
            name = " ".join(words[: len(words) - len(noun.split())]).rstrip(" '’s")
            name = re.sub(r"['’]s$", "", name)
            cands = _filter(gaz, name, _candidates(gaz, name), 20_000) if name else ()
            return (name, cands) if cands else None
    return None


_ARTICLE_NAME = re.compile(r"(?:al|el|ad|as|ar|an|ash|at|az|ed|en|es)[-\s][A-Z]")


def _without_place_noun(s: str) -> tuple[str, int] | None:
    """ "Jericho city" -> ("Jericho", 0), "Province de Kunar" -> ("Kunar", 12): the name without
    a place noun before or after it (with its offset in ``s``), or None."""
    before, after = _noun_pattern()
    words = s.split()
    if len(words) < 2:
        return None
    m = after.search(" " + words[-1])
    if m and m.end() == len(words[-1]) + 1:
        bare = s[: s.rstrip().rfind(" ")].rstrip(" ,")
        return (bare, 0) if bare[:1].isupper() else None
    m = re.match(r"^(\w+)\s+(?:of\s+|de\s+|d'|d’|du\s+)?", s)
    if m and after.search(" " + m.group(1)) and len(s) > m.end():
        bare = s[m.end() :]
        return (bare, m.end()) if bare[:1].isupper() else None
    return None


def _filter(gaz: Gazetteer, s: str, cands: tuple[int, ...], min_pop: int) -> tuple[int, ...]:
    """Drop small towns that only share an alternate name ("Taliban", "Molotov" are old names
    of towns somewhere): a town must bear the name itself unless it is large."""
    k = key(s)
    return tuple(
        i
        for i in cands
        if gaz.rows[i].feature_code != "PPL" or gaz.rows[i].population >= min_pop or key(gaz.rows[i].name) == k
    )


def _joinable(toks, i: int, n: int) -> bool:
    """Multi-token names: every word capitalised, except short linkers and hyphens inside."""
    for j, t in enumerate(toks[i : i + n]):
        if t.text[:1].isupper() or t.text in {"-", "'", "’"}:
            continue
        if j and toks[i + j - 1].idx + len(toks[i + j - 1].text) == t.idx:  # glued: "Qa" + "'im"
            continue
        if t.text.lower() in _words("name_linkers") | _words("joinable_words"):
            continue
        return False
    last, prev = toks[i + n - 1], toks[i + n - 2]
    return last.text[:1].isupper() or (prev.idx + len(prev.text) == last.idx and last.text[:1].isalpha())


def _plausible(gaz: Gazetteer, cands: tuple[int, ...], toks, spec: LangSpec) -> bool:
    """A gazetteer-only match must look like a proper name and name a notable place."""
    top = gaz.rows[cands[0]]
    if len(toks) == 1:
        t = toks[0]
        if t.is_sent_start or t.is_stop or t.text.isupper() and len(t.text) <= 3:
            return top.feature_code in ("PCLI", "RGN") and t.text[:1].isupper() and not t.is_stop
        if t.pos_ not in ("PROPN", "X", "NOUN") and top.feature_code != "PCLI":
            return False
    if top.feature_code in ("PCLI", "ADM1", "RGN", "PPLC"):
        return True
    return top.population >= (1000 if len(toks) > 1 else 5000)


# ---------------------------------------------------------------- disambiguation


@functools.cache
def _hint_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Gaps between a place and its qualifier: strong "X, Y" / "X district (Y" and weak "X in Y"."""
    from veille.resources import load_yaml

    spec = load_yaml("geo/normalize.yaml")
    nouns = "|".join(re.escape(w) for w in sorted(spec["place_nouns"], key=len, reverse=True))
    contain = "|".join(re.escape(w) for w in sorted(spec["containment_words"], key=len, reverse=True))
    strong = re.compile(rf"^\s*(?:(?:{nouns})\s*)?(?:,|\()\s*(?:(?:{nouns})\s+(?:of\s+|de\s+|d'|du\s+)?)?$", re.I)
    weak = re.compile(
        rf"^\s*,?\s*(?:(?:{nouns})\s+)?(?:{contain})\s+(?:(?:the|rural|northern|southern|eastern|western)\s+)*"
        rf"(?:(?:{nouns})\s+(?:of\s+|de\s+|d'|du\s+)?)?$",
        re.I,
    )
    return strong, weak


@functools.cache
def _noun_pattern() -> tuple[re.Pattern, re.Pattern]:
    from veille.resources import load_yaml

    nouns = "|".join(
        re.escape(w) for w in sorted(load_yaml("geo/normalize.yaml")["place_nouns"], key=len, reverse=True)
    )
    before = re.compile(rf"(?:^|\s)(?:{nouns})\s+(?:of\s+|de\s+|d'|d’|du\s+|de la\s+)?$", re.I)
    after = re.compile(rf"^\s+(?:{nouns})\b", re.I)
    return before, after


@functools.cache
def _settlement_pattern() -> re.Pattern:
    words = sorted(_words("settlement_nouns"), key=len, reverse=True)
    return re.compile(rf"\s+(?:{'|'.join(re.escape(w) for w in words)})\b", re.I)


def _notable_whole_entity(gaz: Gazetteer, cands: tuple[int, ...], toks, i: int, n: int) -> bool:
    """Token ``i`` alone is an entity of the model (any label), stands after a preposition ("in
    central Thessaloniki", "the centre of Skopje") and is the very name of a capital or of a town
    of 100,000 people or more: a place the model took for a person or an organisation."""
    tok = toks[i]
    if n != 1 or tok.ent_iob_ != "B" or (i + 1 < len(toks) and toks[i + 1].ent_iob_ == "I"):
        return False
    before = [t.pos_ for t in toks[max(0, i - 2) : i]]
    if not before or not (before[-1] == "ADP" or before[-1] == "ADJ" and before[:1] == ["ADP"]):
        return False
    top = gaz.rows[cands[0]]
    if top.feature_code not in ("PPLC", "PPL") or (top.feature_code == "PPL" and top.population < 100_000):
        return False
    return key(top.name) == key(tok.text)


def _settlement_noun_after(text: str, end: int) -> bool:
    """A settlement noun follows: "Al Bab city", "Chora district", "Kafr Nabl village"."""
    return _settlement_pattern().match(text, end) is not None


def _after_place_noun(left: str) -> bool:
    """``left`` ends with a place noun: "province of ", "gouvernorat d'", "district de "."""
    return _noun_pattern()[0].search(left) is not None


def _division_next_to(text: str, m: Mention) -> bool:
    """A division noun right before or after the mention: "Balkh province", "gouvernorat d'Al Bayda"."""
    words = _division_words()
    before = plain(text[max(0, m.start - 20) : m.start]).split()[-2:]
    after = plain(text[m.end : m.end + 20]).split()[:1]
    return bool(words.intersection(before) or words.intersection(after))


def road_nouns() -> frozenset[str]:
    """Nouns after a place name that make it a road's name (``road_nouns`` in normalize.yaml)."""
    return _words("road_nouns")


TOWN_MARK, DIVISION_MARK = "#town", "#division"


_NEXT_WORD = re.compile(r"\s+([^\W\d][\w-]*)")  # the very next word, no bracket or comma between


def _named_by(text: str, m: Mention, list_name: str) -> bool:
    """A noun of ``normalize.yaml``'s list ``list_name`` names the mention: right after it ("Ghazni
    district", "Esmeraldas city") or before it with "of" ("district of Ghazni", "ville de Gao");
    not "X district (Ghazni)", where the noun belongs to X."""
    words = _words(list_name)
    nxt = _NEXT_WORD.match(text, m.end, m.end + 25)
    if nxt is not None and plain(nxt.group(1)) in words:
        return True
    before = plain(text[max(0, m.start - 25) : m.start]).split()[-2:]
    return len(before) == 2 and before[0] in words and before[1] in _words("of_words")


def _town_word_next_to(text: str, m: Mention) -> bool:
    """ "Esmeraldas city", "ville de Gao": the town itself, not the division of that name."""
    return _named_by(text, m, "town_words")


def _subdivision_next_to(text: str, m: Mention) -> bool:
    """ "Ghazni district", "district of Ghazni": the district (or its town), not Ghazni province."""
    return _named_by(text, m, "subdivision_words")


def hint_gap(gap: str) -> str | None:
    """ "strong", "weak" or None for the text between two mentions."""
    if len(gap) > 40:
        return None
    strong, weak = _hint_patterns()
    if strong.match(gap):
        return "strong"
    if weak.match(gap):
        return "weak"
    return None


_UNKNOWN_IN_GAP = re.compile(r"^(\s*[,(])\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?:\s+[a-z]+)?\s*[,(]\s*$")


def _attach_hints(mentions: list[Mention], text: str, gaz: Gazetteer) -> None:
    """Admin hints: a mention followed by ", X", " (X", " district, X" or " in X" gets X (and
    X's own hints). A hint in brackets, or one that names a single country, is strict."""
    for a, b in reversed(list(zip(mentions, mentions[1:], strict=False))):
        gap = hint_gap(text[a.end : b.start])
        if gap is None:  # "Pipri, Kaushambi (UP)": a name the gazetteer lacks between them
            gap = hint_gap(_UNKNOWN_IN_GAP.sub(r"\1", text[a.end : b.start]))
        if gap is None:
            continue
        if key(a.text) == key(b.text):  # "Hays (Hays, Al Hudaydah)", "Santa Ana (Santa Ana)":
            divisions = tuple(i for i in b.candidates if gaz.rows[i].feature_code in ("ADM1", "ADM2"))
            if "(" in text[a.end : b.start] and divisions:  # the town in its division of the same name
                b.candidates, b.rule = divisions, b.rule + ":division"
                a.hints.append(b)
            a.hints.extend(b.hints)
            a.strict = a.strict or b.strict or bool(divisions)
            continue
        if not b.candidates:  # "Kasumbalesa (territoire de Sakania, Haut-Katanga)": pass Sakania's hints on
            a.hints.extend(b.hints)
            a.strict = a.strict or b.strict
            continue
        if b.rule == "demonym":
            continue
        a.hints.append(b)
        if b.loose:
            continue
        top = gaz.rows[b.candidates[0]]
        one_country = len({gaz.rows[i].country_code for i in b.candidates}) == 1
        if gap == "strong" and ("(" in text[a.end : b.start] or top.feature_code in ("PCLI", "ADM1", "RGN")):
            a.strict = True
        elif gap == "weak" and one_country and top.feature_code != "PCLI":
            a.strict = True
    for a in reversed(mentions):  # chains: "Douala (Wouri, Littoral)"
        for b in list(a.hints):
            a.hints.extend(h for h in b.hints if h not in a.hints)


def _hint_rows(gaz: Gazetteer, ms: list[Mention], first_pass: bool) -> list[Row]:
    """Rows the hints may mean: all their candidates at first, then what they resolved to."""
    out = []
    for m in ms:
        for h in m.hints:
            if h.loose:  # a loosely spelled hint confirms nothing
                continue
            if first_pass:
                out.extend(gaz.rows[i] for i in h.candidates)
            elif h.choice is not None:
                out.append(gaz.rows[h.choice])
    return out


def _fit(row: Row, hint: Row) -> int:
    """How well ``row`` sits inside the hint ``hint``: 2 inside it (same division, or a nearby
    town), 1 in the same country only, 0 not at all. Division codes of the packaged data are
    matched by name and sometimes wrong, so the country alone keeps a candidate possible."""
    if row == hint:
        return 2
    if row.country_code != hint.country_code:
        return 0
    if hint.feature_code in ("PCLI", "RGN"):
        return 2 if row.feature_code != "PCLI" else 0
    if hint.feature_code == "ADM1":
        if row.feature_code == "ADM1":
            return 0
        return 2 if hint.admin1_code is not None and row.admin1_code == hint.admin1_code else 1
    if row.feature_code in ("PCLI", "ADM1"):
        return 0
    if hint.admin1_code and row.admin1_code == hint.admin1_code:
        return 2
    if None not in (row.latitude, hint.latitude):
        if abs(row.latitude - hint.latitude) < 1.5 and abs(row.longitude - hint.longitude) < 1.5:
            return 2
    return 1


def _outside_hints(row: Row, hints: list[Row], readings: list[Row]) -> bool:
    """A town that lies outside every division or town its hints name, as far as the data can
    tell (a division without a known code only tells the country). ``readings``: all the rows
    the hints may mean; when one of them contains the town, the hint was misread, not the town
    ("Ludhiana (Pendjab)" is not wrong because Pendjab was read as Pakistan's Punjab)."""
    if row.feature_code == "PCLI" or any(_fit(row, h) == 2 for h in readings):
        return False
    if row.feature_code in ("ADM1", "RGN"):  # "Rocha, Paraiba": not the Rocha of another country
        return bool(hints) and all(h.country_code != row.country_code for h in hints)
    sure = [
        h
        for h in hints
        if h.feature_code in ("PCLI", "ADM1")
        or h.population > max(row.population, 20_000)
        or (h.feature_code == "ADM2" and row.population < 50_000)  # a district vetoes a small town only
    ]
    if not sure:  # "Morelia, Michoacán": a hint read as a hamlet elsewhere proves nothing
        return False
    for h in sure:
        f = _fit(row, h)
        if f == 2 or (f == 1 and h.feature_code == "ADM1" and h.admin1_code is None):
            return False
    return True


def _close(row: Row, hint: Row) -> bool:
    """``row`` lies within about 50 km of a town or district ``hint`` (not itself)."""
    if row == hint or hint.feature_code not in ("PPL", "PPLC", "ADM2") or None in (row.latitude, hint.latitude):
        return False
    return abs(row.latitude - hint.latitude) < 0.45 and abs(row.longitude - hint.longitude) < 0.45


def _fits(row: Row, hint: Row) -> bool:
    return _fit(row, hint) > 0


FEATURE_BONUS = {"PCLI": 5.0, "RGN": 4.0, "ADM1": 0.0, "PPLC": 2.5, "PPL": 0.0}


@dataclass
class Context:
    """What the document is about so far: its countries and first-level divisions."""

    countries: Counter = field(default_factory=Counter)
    admins: Counter = field(default_factory=Counter)

    neighbours: dict[str, tuple[str, ...]] = field(default_factory=dict)

    points: list[tuple[float, float, str]] = field(default_factory=list)  # places chosen so far, with their key

    areas: list[Row] = field(default_factory=list)  # areas named by the forces of the text ("OSCE SMM": Donbas)

    def far_from_areas(self, r: Row) -> bool:
        """A small town lying far from every area of the text."""
        if not self.areas or not r.feature_code.startswith("PPL") or r.population >= 50_000 or r.latitude is None:
            return False
        return all(_deg(r, a.latitude, a.longitude) > AREA_RADIUS for a in self.areas)

    def near_share(self, r: Row, own: str) -> float:
        """Share of the document's other places within about 150 km of ``r``."""
        if r.latitude is None or r.feature_code in ("PCLI", "RGN"):
            return 0.0
        others = [(la, lo) for la, lo, k in self.points if k != own]
        if not others:
            return 0.0
        coslat = math.cos(math.radians(r.latitude))
        close = sum(1 for la, lo in others if (la - r.latitude) ** 2 + ((lo - r.longitude) * coslat) ** 2 < 1.9)
        return close / len(others)

    def score(self, r: Row) -> float:
        s = 0.0
        if total := sum(self.countries.values()):
            s += 2.0 * self.countries.get(r.country_code, 0) / total
            near = sum(self.countries.get(n, 0) for n in self.neighbours.get(r.country_code, ()))
            s += 0.75 * min(1.0, near / total)
        if r.admin1_code and (total := sum(self.admins.values())):
            s += 1.5 * self.admins.get((r.country_code, r.admin1_code), 0) / total
        if self.areas and r.latitude is not None and r.feature_code not in ("PCLI", "RGN"):
            if any(_deg(r, a.latitude, a.longitude) <= 0.75 * AREA_RADIUS for a in self.areas):
                s += 2.0
        return s


def _score(gaz: Gazetteer, i: int, surface: str, ctx: Context) -> float:
    r = gaz.rows[i]
    s = math.log10(r.population + 10) + FEATURE_BONUS.get(r.feature_code, 0.0)
    if plain(r.name) == plain(surface):
        s += 1.5
    if r.latitude is None:
        s -= 4.0
    return s + ctx.score(r)


def _confirmed(gaz: Gazetteer, best: int, ms: list[Mention], hint_rows: list[Row], ctx: Context, npass: int) -> bool:
    """A loose-spelling match needs support: it fits the admin hint, lies in a country the
    document names (or a neighbour of one), or is a close spelling of this place and of no place
    of another country ("Quamishli" is Qamishli; "Tengiz" is not Tangier)."""
    row = gaz.rows[best]
    if hint_rows:
        return any(_fits(row, h) for h in hint_rows)
    if ctx.countries.get(row.country_code, 0) > (1 if npass else 0):
        return True
    surface = ms[0].text
    if gaz.closeness(surface, best) < CLOSE_SPELLING:
        return False
    return not any(
        gaz.rows[j].country_code != row.country_code and gaz.closeness(surface, j) >= CLOSE_SPELLING
        for j in ms[0].candidates
        if j != best
    )


def _foreign_village(gaz: Gazetteer, row: Row, ms: list[Mention], ctx: Context) -> bool:
    """A small town of a country the rest of the document never mentions is more likely a
    local place missing from the gazetteer than a trip abroad ("in Bat Galim ... of Haifa")."""
    if not row.feature_code.startswith("PPL") or row.population >= 50_000:
        return False
    others = ctx.countries.copy()
    # its own votes: of the first pass, and of the start when all its readings lie in one country
    unique = not ms[0].loose and len({gaz.rows[i].country_code for i in ms[0].candidates}) == 1
    others[row.country_code] -= len(ms) * (2 if unique else 1)
    if others[row.country_code] > 0 or sum(v for v in others.values() if v > 0) < 2:
        return False
    return not any(others.get(n, 0) > 0 for n in ctx.neighbours.get(row.country_code, ()))


def _prefer_seat(gaz: Gazetteer, best: int, ms: list[Mention], text: str, hint_rows: list[Row]) -> int:
    """A bare name shared by a division and its seat town means the town ("Gao" -> Gao town),
    unless a division word is next to it ("Gao region", "province de Gao")."""
    row = gaz.rows[best]
    if row.feature_code not in ("ADM1", "ADM2"):
        return best
    for m in ms:
        if _division_next_to(text, m) and not (row.feature_code == "ADM1" and _subdivision_next_to(text, m)):
            return best
    for i in ms[0].candidates:
        r = gaz.rows[i]
        if r.feature_code.startswith("PPL") and r.country_code == row.country_code and r.admin1_code == row.admin1_code:
            if not hint_rows or any(_fits(r, h) for h in hint_rows):
                return i
    return best


@functools.cache
def _division_words() -> frozenset[str]:
    from veille.resources import load_yaml

    words = load_yaml("geo/normalize.yaml")["division_words"]
    return frozenset(plain(w) for w in words if len(w) > 3) - _words("town_words")


def resolve(mentions: list[Mention], text: str, gaz: Gazetteer | None = None) -> None:
    """Choose one row per mention (``mention.choice``), one sense per name per document."""
    gaz = gaz or get_gazetteer()
    _attach_hints(mentions, text, gaz)
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.candidates:  # one sense per name, but "Esmeraldas city" is not "Esmeraldas province"
            same_named = any(h.rule.endswith(":division") and key(h.text) == key(m.text) for h in m.hints)
            if m.rule.endswith(":division"):
                mark = DIVISION_MARK
            elif same_named or _town_word_next_to(text, m):
                mark = TOWN_MARK
            else:
                mark = DIVISION_MARK if _division_next_to(text, m) else ""
            by_key[key(m.text) + mark].append(m)

    # country context: countries named outright, then the countries of unambiguous names
    areas = [row for row, _ in context_areas(text, gaz)]
    ctx = Context(neighbours=gaz.neighbours, areas=areas)
    for cc, n in context_countries(text).items():
        ctx.countries[cc] += min(n, 2)
    for ms in by_key.values():
        if all(m.rule.endswith(":modifier") for m in ms):
            continue
        rows = [gaz.rows[i] for i in ms[0].candidates]
        if rows[0].feature_code == "PCLI" and not ms[0].loose:  # "Serail" is no Sierra Leone
            ctx.countries[rows[0].country_code] += 2 * len(ms)
        elif len({r.country_code for r in rows}) == 1 and rows[0].country_code and not ms[0].loose:
            ctx.countries[rows[0].country_code] += len(ms)
    qualifiers = {id(h) for m in mentions for h in m.hints}  # mentions that qualify another
    heads: dict[int, list[Mention]] = defaultdict(list)  # hint -> the mentions it qualifies
    for m in mentions:
        for h in m.hints:
            heads[id(h)].append(m)
    for npass in range(2):
        chosen = Context()
        for k, ms in by_key.items():
            hint_rows = _hint_rows(gaz, ms, npass == 0)
            division = any(_division_next_to(text, m) for m in ms)
            sub = any(_subdivision_next_to(text, m) for m in ms)
            qualifier = any(id(m) in qualifiers for m in ms)
            slot = any(_hint_slot(text, m.start, m.end, None) for m in ms)
            head_rows = [
                gaz.rows[j]
                for m in ms
                for h in heads.get(id(m), ())
                if not h.loose
                for j in (h.candidates[:10] if npass == 0 or h.choice is None else (h.choice,))
            ]
            best, best_s = None, -1e9
            for i in ms[0].candidates:
                s = _score(gaz, i, ms[0].text, ctx) + 2.5 * ctx.near_share(gaz.rows[i], k)
                fc = gaz.rows[i].feature_code
                if k.endswith(TOWN_MARK) and fc in ("ADM1", "ADM2"):
                    s -= 12.0  # a division only when no town bears the name
                if fc == "ADM1" and sub:
                    s -= 4.0
                elif (division or qualifier) and fc == "ADM1":
                    s += 4.0 if division else 2.5
                elif fc == "ADM2" and (division or qualifier or slot):  # "X (Pobe-Mengao, Soum)"
                    s += 4.0 if division else 3.5
                if hint_rows:
                    s += 4.0 * max(_fit(gaz.rows[i], h) for h in hint_rows)
                    if any(_close(gaz.rows[i], h) for h in hint_rows):  # "Jalalpur, Shamli": the one by Shamli
                        s += 1.5
                if head_rows:  # "Ludhiana (Pendjab)": the Punjab that contains a Ludhiana
                    s += 1.5 * max(_fit(r, gaz.rows[i]) for r in head_rows)
                if s > best_s:
                    best, best_s = i, s
            best = _prefer_seat(gaz, best, ms, text, hint_rows)
            if ms[0].loose and not _confirmed(gaz, best, ms, hint_rows, ctx, npass):
                for m in ms:
                    m.choice = None
                continue
            if (
                npass == 1
                and not any(_fits(gaz.rows[best], h) for h in hint_rows)  # no hint, or none that holds it
                and (_foreign_village(gaz, gaz.rows[best], ms, ctx) or ctx.far_from_areas(gaz.rows[best]))
            ):
                for m in ms:
                    m.choice = None
                continue
            for m in ms:
                m.choice = best
                # a hint read only as a district elsewhere does not veto a city ("Rancagua (O'Higgins)")
                big = gaz.rows[best].population >= 50_000
                m_hints = [  # a region ("Golfe" read as the Persian Gulf) contains nothing for sure
                    h
                    for h in _hint_rows(gaz, [m], npass == 0)
                    if h.feature_code != "RGN" and not (big and h.feature_code == "ADM2")
                ]
                if (
                    m.strict
                    and m_hints
                    and gaz.rows[best].feature_code.startswith("PPL")
                    and not any(_fits(gaz.rows[best], h) for h in m_hints)
                ):
                    m.choice = None  # "Abu Salim (Tripoli)": not the Abu of another country
                elif npass == 1 and m_hints and _outside_hints(gaz.rows[best], m_hints, _hint_rows(gaz, [m], True)):
                    m.choice = None  # "Vodyane, Donetsk": not a Vodyane of another province
            if all(m.choice is None for m in ms):
                continue
            r = gaz.rows[best]
            if r.country_code:
                chosen.countries[r.country_code] += len(ms)
            if r.admin1_code and r.feature_code != "PCLI":
                chosen.admins[(r.country_code, r.admin1_code)] += len(ms)
            if r.latitude is not None and r.feature_code not in ("PCLI", "RGN"):
                chosen.points.append((r.latitude, r.longitude, k))
        ctx = Context(ctx.countries + chosen.countries, chosen.admins, gaz.neighbours, chosen.points, areas)


def to_toponyms(mentions: list[Mention], gaz: Gazetteer | None = None, unresolved: bool = False) -> list[Toponym]:
    """Toponyms of the resolved mentions (and of the others too if ``unresolved``)."""
    gaz = gaz or get_gazetteer()
    out = []
    for m in mentions:
        if m.choice is None and not unresolved:
            continue
        t = Toponym(text=m.text, start=m.start, end=m.end)
        if m.choice is not None:
            r = gaz.rows[m.choice]
            t.geonameid, t.name, t.latitude, t.longitude = r.geonameid, r.name, r.latitude, r.longitude
            t.country_code, t.admin1, t.feature_code = r.country_code, gaz.admin1_name(r), r.feature_code
        out.append(t)
    return out
