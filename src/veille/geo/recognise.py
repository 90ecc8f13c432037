"""Toponym recognition: the place-name mentions of a spaCy doc, with their candidate rows.

Recognition: place entities of the spaCy pipeline (labels per language in
``resources/<lang>/places.yaml``), plus capitalised n-grams found in the gazetteer that the
model missed (not inside a person/organisation entity, not a common word). Demonyms
("Syrian", "la capitale malienne") name their country, region or capital. Choosing one
candidate per mention is :mod:`veille.geo.resolve`'s job.

    >>> from veille.geo.recognise import recognise
    >>> from veille.nlp import get_nlp
    >>> [m.text for m in recognise(get_nlp("en")("Protesters gathered in Kabul, Afghanistan."), "en")]
    ['Kabul', 'Afghanistan']
"""

from __future__ import annotations

import functools
import re

from veille.geo.cues import (
    LangSpec,
    _articles,
    _capital_phrase,
    _demonym_row,
    _words,
    cue_at,
    cue_pattern,
    datelines,
    demonyms,
    demonyms_any_case,
    is_demonym,
    is_modifier,
    lang_of,
    lang_spec,
)
from veille.geo.gazetteer import CLOSE_SPELLING, Gazetteer, get_gazetteer
from veille.geo.hints import _division_words, _hint_slot
from veille.geo.mention import Mention
from veille.geo.normalize import key, plain, spelling_ratio

MAX_NGRAM = 5
MAX_CANDIDATES = 60


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

    # datelines first: "HOUSTON (AP) -" is a place, and its "(AP)" none
    for (start, end), agency in datelines(text):
        cands = _filter(gaz, text[start:end], _candidates(gaz, text[start:end]), 20_000)
        if cands:
            take(Mention(start, end, text[start:end], "dateline", cands))
        if agency is not None:
            taken[agency[0] : agency[1]] = [True] * (agency[1] - agency[0])

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
            if n == 1 and tok.pos_ == "ADJ" and tok.dep_ == "amod" and not tok.ent_type_:
                continue  # "Normal school students": an adjective, even after a comma
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


def _modifier(text: str, m: Mention, spec: LangSpec, gaz: Gazetteer) -> bool:
    """A name used as a modifier ("the US dollar", "Molotov cocktail"): no place."""
    after = " " + plain(text[m.end : m.end + 25]) + " "
    before = " " + plain(text[max(0, m.start - 15) : m.start]) + " "
    if any(after.startswith(f" {w} ") for w in spec.modifier_after):
        top = gaz.rows[m.candidates[0]] if m.candidates else None
        return top is None or top.feature_code == "PCLI" or plain(text[m.end :]).startswith("cocktail")
    return any(before.endswith(f" {w} ") for w in spec.modifier_before)


def _acronym(s: str) -> bool:
    """ "GNA", "LNA": capitals that are organisations far more often than towns."""
    return s.isupper() and len(s.replace(".", "")) <= 4


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
        if not (last.text[:1].isupper() or last.text.lower() in _linkers()):
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
        if tok.ent_type_ or not (tok.text[:1].isupper() or tok.text.lower() in _linkers()):
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
    if s and whole and plain(s) in spec.stop_words and (ext := _extend(doc, ent.end, start, gaz)) is not None:
        return Mention(start, start + len(ext[0]), ext[0], f"ner:{ent.label_}", ext[1])  # "Port" + "of Spain"
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
        hinted = _BRACKETED_NAME.match(text, start + len(s)) is not None  # "Kasoa (Awutu", not "Hamza (17)"
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
            name = " ".join(words[: len(words) - len(noun.split())]).rstrip()
            name = re.sub(r"['’]s$", "", name)  # "Van Governor's": the noun ate "Governor", not the "'s"
            cands = _filter(gaz, name, _candidates(gaz, name), 20_000) if name else ()
            return (name, cands) if cands else None
    return None


_BRACKETED_NAME = re.compile(r"\s*\(\s*[A-Z]")
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
    of towns somewhere): a town must bear the name itself, or for a name of several words a close
    spelling of it ("Tell Abiad" for Tall Abyad; one word is too little: "Serhiivka" has many
    namesakes), unless it is large."""
    k = key(s)
    several = " " in k

    def bears(name: str) -> bool:
        other = key(name)
        return other == k or several and spelling_ratio(k, other) >= CLOSE_SPELLING

    return tuple(
        i
        for i in cands
        if gaz.rows[i].feature_code != "PPL" or gaz.rows[i].population >= min_pop or bears(gaz.rows[i].name)
    )


@functools.cache
def _linkers() -> frozenset[str]:
    """Small words inside a place name: "Valle del Cauca", "Port of Spain", "Trinidad and Tobago"."""
    return _words("name_linkers") | _words("joinable_words")


def _joinable(toks, i: int, n: int) -> bool:
    """Multi-token names: every word capitalised, except short linkers and hyphens inside."""
    for j, t in enumerate(toks[i : i + n]):
        if t.text[:1].isupper() or t.text in {"-", "'", "’"}:
            continue
        if j and toks[i + j - 1].idx + len(toks[i + j - 1].text) == t.idx:  # glued: "Qa" + "'im"
            continue
        if t.text.lower() in _linkers():
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
    central Thessaloniki", "the centre of Skopje", "a visit to Tunis") and is the very name of a
    capital or of a town of 100,000 people or more (the first reading may be its province): a place
    the model took for a person, an organisation or a people."""
    tok = toks[i]
    if n != 1 or tok.ent_iob_ != "B" or (i + 1 < len(toks) and toks[i + 1].ent_iob_ == "I"):
        return False
    before = [t.pos_ for t in toks[max(0, i - 2) : i]]
    after = toks[i + 1].pos_ if i + 1 < len(toks) else ""
    if not before or not (
        before[-1] == "ADP"
        or before[-1] == "ADJ"
        and before[:1] == ["ADP"]
        or before[-1] in ("DET", "PRON")
        and after == "NOUN"
    ):
        return False
    return any(
        key(r.name) == key(tok.text)
        and (r.feature_code == "PPLC" or r.feature_code == "PPL" and r.population >= 100_000)
        for r in (gaz.rows[j] for j in cands)
    )


def _settlement_noun_after(text: str, end: int) -> bool:
    """A settlement noun follows: "Al Bab city", "Chora district", "Kafr Nabl village"."""
    return _settlement_pattern().match(text, end) is not None


def _after_place_noun(left: str) -> bool:
    """``left`` ends with a place noun: "province of ", "gouvernorat d'", "district de "."""
    return _noun_pattern()[0].search(left) is not None
