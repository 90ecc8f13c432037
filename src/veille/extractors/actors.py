"""Actors of an event in ACLED naming: actor1 (who acted), actor2 (target), associated actors, inter codes.

Words come from data (``resources/common/actors.yaml``, ``resources/<lang>/actors.yaml`` and
``resources/<lang>/demonyms.yaml``); this module is language-neutral. Steps, per event:

1. find actor phrases in the trigger's sentence (named actors, generic words, demonyms);
2. give generic state-force words the country of an adjacent demonym ("Turkish troops");
   fold head words into the actor they introduce ("members of Boko Haram");
3. give each phrase a role from the dependency parse and role cues ("by", "against"), else
   from its position before / after the trigger;
4. apply ACLED's coding conventions for the event type (protests: "Protesters (Country)";
   violence against civilians: actor2 "Civilians (Country)"; ...).

    >>> r = assign_actors(doc, (10, 18), (0, 60), "Battles", "Armed clash", "en", "MLI", "Mali")
    >>> r.actor1, r.inter1
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from dataclasses import dataclass, field

import pycountry
from spacy.tokens import Doc

from veille.extractors.actor_lexicon import ActorLexicon, Match, common_data
from veille.model import Evidence

SUBJECT_DEPS = ("nsubj", "csubj", "agent", "obl:agent", "nsubj:agent")
OBJECT_DEPS = ("obj", "dobj", "iobj", "nsubj:pass", "nsubjpass", "obl:arg", "pobj")
SKIPPABLE_POS = ("DET", "NUM", "ADJ", "ADV", "PUNCT")


@dataclass(slots=True)
class ActorResult:
    """The actor fields of one event, with the evidence that set them."""

    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: str | None = None
    inter2: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    """A resolved actor: ACLED name, inter code, and the phrase (if any) it came from."""

    name: str
    inter: str
    match: Match | None = None
    rule: str = ""


# --------------------------------------------------------------------------- naming


@functools.cache
def country_name(iso3: str) -> str:
    """ACLED's name of a country ("Democratic Republic of Congo", "Turkey")."""
    names = common_data().get("country_names") or {}
    if iso3 in names:
        return names[iso3]
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return iso3
    return getattr(c, "common_name", None) or c.name


def period(iso3: str, event_date: str | None = None) -> str:
    """ " (2019-)": the government period ACLED appends to state forces, or "" if unknown."""
    periods = (common_data().get("government_periods") or {}).get(iso3)
    if not periods:
        return ""
    chosen = periods[-1]
    if event_date and event_date[:4].isdigit():
        year = int(event_date[:4])
        for start, end in periods:
            if start <= year and (end is None or year < end):
                chosen = [start, end]
                break
    return f" ({chosen[0]}-)"


def class_actor(
    cls: str,
    iso3: str | None,
    country: str | None,
    event_iso3: str | None,
    event_date: str | None,
    gang: bool = True,
) -> Actor:
    """A generic actor of class ``cls`` ("military", "civilians", ...) for a country; unnamed
    perpetrators are an unidentified gang where the data says so (``gang``)."""
    data = common_data()
    spec = data["classes"][cls]
    if gang and cls == "unidentified_armed_group" and event_iso3 in (data.get("gang_countries") or ()):
        spec = data["classes"]["gang"]
    iso3 = iso3 or event_iso3
    name = country_name(iso3) if iso3 and (iso3 != event_iso3 or not country) else (country or "")
    the = "the " if iso3 in (data.get("the_countries") or ()) else ""
    template = spec["template"]
    if not name:  # no country known: "Protesters", "Military Forces"
        template = template.replace(" ({country})", "").replace(" of {the_country}", "")
    label = template.format(country=name, the_country=the + name, period=period(iso3, event_date) if iso3 else "")
    inter = spec["inter"]
    if spec.get("state") and event_iso3 and iso3 and iso3 != event_iso3:
        inter = "External/Other forces"
    return Actor(label, inter)


def named_actor(lex: ActorLexicon, key: str, event_iso3: str | None, country: str | None) -> Actor:
    item = lex.named[key]
    name = (item.get("by_country") or {}).get(event_iso3) or item["name"]
    if "{country}" in name:
        cname = country or (country_name(event_iso3) if event_iso3 else "")
        name = name.replace("{country}", cname) if cname else name.replace(" ({country})", "")
    inter = item["inter"]
    if name != item["name"]:  # by_country may name an actor with another inter code
        inter = next((x["inter"] for x in lex.named.values() if x.get("name") == name), inter)
    return Actor(name, inter)


def resolve(lex: ActorLexicon, m: Match, event_iso3: str | None, country: str | None, date: str | None) -> Actor:
    if m.kind == "named":
        actor = named_actor(lex, m.key, event_iso3, country)
    elif m.extra.get("proper"):
        spec = common_data()["classes"][m.key]
        cname = country or (country_name(event_iso3) if event_iso3 else "")
        label = spec["named_template"].format(name=m.extra["proper"], country=cname, head=m.alias)
        actor = Actor(label, spec["inter"])
    else:
        actor = class_actor(m.key, m.country, country, event_iso3, date)
    actor.match = m
    return actor


def party_actor(lex: ActorLexicon, spec: str, event_iso3: str | None, country: str | None, date: str | None) -> Actor:
    """An actor written in data as a class ("military"), "class/ISO3" or a named actor's id."""
    cls, _, iso = spec.partition("/")
    if cls in common_data()["classes"]:
        return class_actor(cls, iso or None, country, event_iso3, date)
    return named_actor(lex, spec, event_iso3, country)


def conflict_parties(lex: ActorLexicon, event_iso3: str | None, country: str | None, date: str | None) -> list[Actor]:
    """Default parties of the long-running conflict in the event country, if the data has one."""
    periods = (common_data().get("conflict_parties") or {}).get(event_iso3) or []
    year = int(date[:4]) if date and date[:4].isdigit() else None
    chosen = None
    for p in periods:
        if year is None or (p.get("from", 0) <= year and (p.get("to") is None or year < p["to"])):
            chosen = p
    if chosen is None:
        return []
    return [party_actor(lex, s, event_iso3, country, date) for s in chosen["parties"]]


# --------------------------------------------------------------------------- phrases


def _gap_ok(doc: Doc, i: int, j: int, lex: ActorLexicon, allow_prep: bool) -> bool:
    """Tokens [i, j) may sit between a force word and its demonym ("forces armées de la", "'s")."""
    for k in range(i, j):
        t = doc[k]
        if t.pos_ in ("DET", "PART", "ADJ") or t.text in ("'s", "’s", "'"):
            continue
        if allow_prep and t.pos_ == "ADP":
            continue
        return False
    return j - i <= 3


def _is_state_class(key: str) -> bool:
    return bool(common_data()["classes"][key].get("state"))


def attach_countries(doc: Doc, matches: list[Match], lex: ActorLexicon) -> None:
    """Give state-force words the country of an adjacent demonym or country name; mark it used.
    "the armies of India and Pakistan", "les armées indienne et pakistanaise" give two actors."""
    extra: list[Match] = []
    for idx, m in enumerate(matches):
        if m.kind != "class" or not (_is_state_class(m.key) or m.key == "rebels") or m.country:
            continue
        after = matches[idx + 1] if idx + 1 < len(matches) else None
        before = matches[idx - 1] if idx > 0 else None
        if after is not None and after.kind == "country" and _gap_ok(doc, m.end, after.start, lex, True):
            m.country, after.dropped = after.key, True
            nxt = matches[idx + 2] if idx + 2 < len(matches) else None
            if (
                nxt is not None
                and nxt.kind == "country"
                and nxt.start - after.end == 1
                and lex.cue_after("coordination", doc, after.end)
            ):
                nxt.dropped = True
                extra.append(Match(nxt.start, nxt.end, "class", m.key, nxt.key, nxt.alias))
        elif before is not None and before.kind == "country" and _gap_ok(doc, before.end, m.start, lex, False):
            m.country, before.dropped = before.key, True
        if m.key == "rebels" and m.country:
            m.country = None  # "Syrian rebels": rebels keep the event country
    matches.extend(extra)
    matches.sort(key=lambda x: x.start)


def fold_heads(doc: Doc, matches: list[Match], lex: ActorLexicon) -> None:
    """Drop a generic word that introduces or qualifies another actor ("Taliban fighters",
    "members of Boko Haram", "rebelles houthis", "border guard police")."""
    live = [m for m in matches if not m.dropped and m.kind != "country"]
    for a, b in zip(live, live[1:], strict=False):
        gap = doc[a.end : b.start]
        adjacent = all(t.pos_ in ("DET", "PUNCT", "PART") and t.text not in (",", ";", "(") for t in gap)
        adjacent = adjacent and len(gap) <= 1
        partitive = False
        if 0 < len(gap) <= 3:
            for k in range(a.end, b.start):
                n = lex.cue_after("partitive_prep", doc, k)
                if n and all(t.pos_ == "DET" for t in doc[k + n : b.start]):
                    partitive = True
                    break
        if not (adjacent or partitive):
            continue
        if a.kind == "class" and b.kind == "named":
            a.dropped = True
        elif a.kind == "named" and b.kind == "class" and adjacent:
            b.dropped = True
        elif a.kind == "class" and b.kind == "class" and partitive:
            if a.key in ("civilians", "unidentified_armed_group", "militants", "militia") or a.key == b.key:
                a.dropped = True
        elif a.kind == "class" and b.kind == "class" and adjacent:
            ra, rb = doc[a.start : a.end].root, doc[b.start : b.end].root
            # the syntactic dependent gives way to its head ("border guard police", "soldats militaires")
            keep, drop = (b, a) if ra.head == rb or ra.head.i in range(b.start, b.end) else (a, b)
            drop.dropped = True
            keep.country = keep.country or drop.country
            keep.start, keep.end = min(a.start, b.start), max(a.end, b.end)  # "regime forces" is not weak
            keep.alias = doc[keep.start : keep.end].text


def mark_negated(doc: Doc, matches: list[Match], lex: ActorLexicon) -> None:
    """ "anti-Houthi forces" do not name the Houthis."""
    for m in matches:
        k = m.start - 1
        if k >= 0 and doc[k].text in ("-", "\u2010", "\u2011"):
            k -= 1
        first = doc[m.start].text.lower()
        if (k >= 0 and lex.is_cue("negation", doc, k) and k < m.start - 1) or any(
            first.startswith(neg[0] + "-") for neg in lex.roles.get("negation", [])
        ):
            m.dropped = True


def _proper_before(doc: Doc, k: int, taken: set[int]) -> list[str]:
    words: list[str] = []
    while k >= 0 and k not in taken and doc[k].pos_ == "PROPN" and len(words) < 3:
        words.insert(0, doc[k].text)
        k -= 1
    return words


def proper_names(doc: Doc, matches: list[Match], lex: ActorLexicon) -> None:
    """ "Murle raiders", "Bani Ali tribesmen", "Hamza Division": a proper name next to a militia or unit
    word names it. "Fellata and Rizeigat militias" gives two actors."""
    spec = common_data()["classes"]
    taken = {i for m in matches for i in range(m.start, m.end) if not m.dropped}
    extra: list[Match] = []
    for m in matches:
        if m.dropped or m.kind != "class" or "named_template" not in spec[m.key]:
            continue
        words = _proper_before(doc, m.start - 1, taken)
        first = m.start - len(words)
        if not words and not spec[m.key].get("capitalised"):  # French: the name follows ("tribu Al Hayash")
            k = m.end
            while k < len(doc) and k not in taken and doc[k].pos_ == "PROPN" and len(words) < 3:
                words.append(doc[k].text)
                k += 1
        if not words:
            if spec[m.key].get("capitalised"):  # "the Army": the ordinary word, if it is one
                entry = lex.folded_entry(m.alias, doc, m.start, m.end)
                if entry is None:
                    m.dropped = True
                else:
                    m.kind, m.key, m.country = entry.kind, entry.key, entry.country
            continue
        m.extra["proper"] = " ".join(words)
        if first >= 2 and lex.cue_after("coordination", doc, first - 1):
            other = _proper_before(doc, first - 2, taken)
            if other:
                twin = Match(first - 1 - len(other), first - 1, "class", m.key, None, " ".join(other))
                twin.extra["proper"] = " ".join(other)
                extra.append(twin)
    matches.extend(extra)
    matches.sort(key=lambda x: x.start)


# --------------------------------------------------------------------------- roles


def _trigger_token(doc: Doc, trigger: tuple[int, int]):
    span = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _is_passive(tok) -> bool:
    return any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in tok.children)


def _cue_before(doc: Doc, m: Match, lex: ActorLexicon, role: str, sent_start: int) -> bool:
    k = m.start - 1
    skipped = 0
    while k >= sent_start and skipped < 4:
        if lex.is_cue(role, doc, k):
            return True
        if doc[k].pos_ in SKIPPABLE_POS or doc[k].like_num:
            k -= 1
            skipped += 1
            continue
        return False
    return False


def role_of(doc: Doc, m: Match, trig, lex: ActorLexicon, sent_start: int) -> tuple[str | None, str]:
    """("a1" | "a2" | None, rule) for a phrase relative to the trigger token."""
    root = doc[m.start : m.end].root
    if trig is not None and root.head == trig and root.dep_.lower() in SUBJECT_DEPS + OBJECT_DEPS:
        dep = root.dep_.lower()
        if dep in SUBJECT_DEPS:
            return ("a2" if _is_passive(trig) and dep.startswith("nsubj") else "a1"), f"dep:{dep}"
        return "a2", f"dep:{dep}"
    if _cue_before(doc, m, lex, "agent", sent_start):
        return "a1", "cue:agent"
    if _cue_before(doc, m, lex, "between", sent_start):
        return "a1", "cue:between"
    if _cue_before(doc, m, lex, "target", sent_start):
        return "a2", "cue:target"
    if root.dep_.lower() in ("nsubj:pass", "nsubjpass") and (trig is None or root.head != trig):
        return "a2", "dep:passive-subject"
    if trig is not None:
        tok = root
        steps = 0
        while tok.head is not tok and steps < 5:
            if tok.head == trig:
                dep = tok.dep_.lower()
                if dep in SUBJECT_DEPS:
                    return ("a2" if _is_passive(trig) and dep.startswith("nsubj") else "a1"), f"dep:{dep}"
                if dep in OBJECT_DEPS:
                    return "a2", f"dep:{dep}"
                break
            tok = tok.head
            steps += 1
    return None, ""


# --------------------------------------------------------------------------- conventions


def _pick(actors: list[Actor], pred) -> Actor | None:
    return next((a for a in actors if pred(a)), None)


def _armed(a: Actor) -> bool:
    return a.inter not in ("Civilians", "Protesters", "Rioters")


def _state(a: Actor) -> bool:
    return a.inter in ("State forces", "External/Other forces") and not a.name.startswith("Private")


def _nonstate_armed(a: Actor) -> bool:
    return a.inter in ("Rebel group", "Political militia", "Identity militia") or a.name.startswith("Wagner")


def prepare(doc: Doc, start: int, end: int, lex: ActorLexicon) -> list[Match]:
    """Actor phrases of tokens [start, end), with countries attached and head words folded."""
    matches = lex.match(doc, start, end)
    mark_negated(doc, matches, lex)
    matches = [m for m in matches if not m.dropped]
    attach_countries(doc, matches, lex)
    for m in matches:
        root = doc[m.start : m.end].root
        if m.kind == "class" and m.key == "civilians" and (root.pos_ == "ADJ" or root.dep_ in ("amod", "compound")):
            m.dropped = True  # "civilian areas", "zones civiles": not people
        if m.kind == "class" and root.pos_ in ("VERB", "AUX"):
            m.dropped = True  # "se dirigeant vers": a verb, not a leader
    fold_heads(doc, matches, lex)
    proper_names(doc, matches, lex)
    return matches


@functools.cache
def _group_table(lang: str) -> tuple[dict[tuple[str, ...], str], int, tuple[tuple[str, ...], ...]]:
    """Demonstrator group phrases of ``lang`` (token tuples -> group id), their longest length, and
    the reporting phrases that make a group word the source of a report rather than the crowd."""
    from veille.extractors.actor_lexicon import norm
    from veille.nlp import get_nlp
    from veille.resources import lang_files

    local = lang_files(lang, "actors.yaml") or {}
    tokenizer = get_nlp(lang).tokenizer

    def toks(phrase: str) -> tuple[str, ...]:
        return tuple(norm(t.text) for t in tokenizer(str(phrase).replace("\u2019", "'")))

    table = {toks(w): gid for gid, words in (local.get("demonstrator_groups") or {}).items() for w in words}
    table.pop((), None)
    reporting = tuple(toks(w) for w in local.get("demonstrator_reporting") or [])
    return table, max((len(k) for k in table), default=0), reporting


def demonstrator_groups(doc: Doc, start: int, end: int, lang: str, country: str | None) -> list[tuple[str, int, int]]:
    """Who demonstrated, as ACLED's associated actors ("Teachers (Senegal)"): the group words of
    tokens [start, end), except those that are the source of the report ("union leaders said").
    Returns ``(name, start_char, end_char)``, in text order, one per group."""
    from veille.extractors.actor_lexicon import doc_norms, longest_at

    table, longest, reporting = _group_table(lang)
    names = common_data().get("demonstrator_groups") or {}
    low = doc_norms(doc)
    reported = set()
    for i in range(start, end):
        for phrase in reporting:
            if tuple(low[i : i + len(phrase)]) == phrase:
                reported.update(range(i, i + len(phrase)))

    def is_source(a: int, b: int) -> bool:
        # "according to students", "selon les syndicats": the reporting phrase just before;
        # "union leaders said", "ont indiqué des syndicats": just after, or before the trigger clause
        before = any(k in reported for k in range(max(start, a - 3), a))
        after = any(k in reported for k in range(b, min(end, b + 3)))
        return before or after

    out: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    i = start
    while i < end:
        hit = longest_at(i, end, longest, lambda i, n: table.get(tuple(low[i : i + n])))
        if hit is None:
            i += 1
            continue
        n, gid = hit
        if gid in names and gid not in seen and not is_source(i, i + n):
            seen.add(gid)
            template = names[gid]
            name = template.format(country=country) if country else template.replace(" ({country})", "")
            out.append((name, doc[i].idx, doc[i + n - 1].idx + len(doc[i + n - 1].text)))
        i += n
    return out


_DOC_CACHE: OrderedDict[tuple[int, str], tuple[Doc, list[Match]]] = OrderedDict()


def _doc_matches(doc: Doc, lex: ActorLexicon) -> list[Match]:
    """Actor phrases of the whole article, computed once per doc (the last few docs are kept)."""
    key = (id(doc), lex.lang)
    hit = _DOC_CACHE.get(key)
    if hit is not None and hit[0] is doc:
        return hit[1]
    found = [m for m in prepare(doc, 0, len(doc), lex) if not m.dropped]
    _DOC_CACHE[key] = (doc, found)
    while len(_DOC_CACHE) > 8:
        _DOC_CACHE.popitem(last=False)
    return found


def assign_actors(
    doc: Doc,
    trigger: tuple[int, int],
    sentence: tuple[int, int],
    event_type: str,
    sub_event_type: str,
    lang: str,
    iso3: str | None,
    country: str | None,
    event_date: str | None = None,
) -> ActorResult:
    """Actors of the event whose trigger is ``trigger`` in sentence ``sentence`` (char spans of ``doc``).

    ``iso3``/``country`` are where the event happened (unnamed actors take that country);
    ``event_date`` (YYYY-MM-DD, optional) picks the government period of state forces.
    """
    lex = ActorLexicon.for_language(lang)
    sent = doc.char_span(sentence[0], sentence[1], alignment_mode="expand") or doc[:]
    matches = prepare(doc, sent.start, sent.end, lex)
    trig = _trigger_token(doc, trigger)
    trig_i = trig.i if trig is not None else sent.start

    def make(m: Match) -> Actor:
        return resolve(lex, m, iso3, country, event_date)

    def generic(cls: str, rule: str = "", gang: bool = True) -> Actor:
        a = class_actor(cls, None, country, iso3, event_date, gang)
        a.rule = rule or f"default:{cls}"
        return a

    # the whole article: named armed groups for "the militants" that refer back to them, and the
    # country of state forces named once ("Israeli forces ... the soldiers")
    doc_matches = _doc_matches(doc, lex)
    doc_named: list[Actor] = []
    doc_country: dict[str, str] = {}
    for m in doc_matches:
        if m.kind == "named":
            a = make(m)
            if _nonstate_armed(a):
                doc_named.append(a)
        elif m.kind == "class" and m.country and _is_state_class(m.key):
            doc_country.setdefault(m.key, m.country)

    a1: list[Actor] = []
    a2: list[Actor] = []
    before: list[Actor] = []
    after: list[Actor] = []
    live = [m for m in matches if not m.dropped]
    strong = [m for m in live if m.kind != "country" and not lex.is_weak(m)]
    trig_span = doc.char_span(trigger[0], trigger[1], alignment_mode="expand")
    t_start, t_end = (trig_span.start, trig_span.end) if trig_span is not None else (trig_i, trig_i + 1)
    for m in live:
        if m.kind == "country":
            tok = doc[m.start : m.end].root
            if trig is not None and tok.head == trig and tok.dep_.lower().startswith("nsubj") and not _is_passive(trig):
                # a bare country as the subject of the trigger: its armed forces ("Turkey shelled ...")
                m.kind, m.key, m.country = "class", "military", m.key
            elif event_type not in ("Protests", "Riots") and (
                t_start - 1 <= m.end <= t_start
                or (t_end <= m.start <= t_end + 1 and trig is not None and trig.pos_ == "NOUN")
            ):
                # a demonym on the trigger: "Israeli airstrikes", "frappes aériennes russes"
                m.kind, m.key, m.country = "class", "military", m.key
                m.extra["on_trigger"] = True
            else:
                continue
        if m.kind == "class" and _is_state_class(m.key) and not m.country and m.key in doc_country:
            m.country = doc_country[m.key]
        role, rule = role_of(doc, m, trig, lex, sent.start)
        if lex.is_weak(m) and any(make(o).inter == make(m).inter or (role is None and _armed(make(o))) for o in strong):
            continue  # "forces" when the sentence names a better actor
        if m.extra.get("on_trigger"):
            role, rule = "a1", "demonym-on-trigger"
        if m.kind == "class" and m.key == "government" and role != "a1":
            continue  # "against the government": a target of grievance, not an actor
        actor = make(m)
        if m.kind == "class" and common_data()["classes"][m.key].get("anaphoric") and doc_named:
            prior = [a for a in doc_named if a.match.start < m.start] or doc_named
            ref = prior[-1]
            actor = Actor(ref.name, ref.inter, m, "anaphora")
        actor.rule = actor.rule or rule or ("before-trigger" if m.end <= trig_i else "after-trigger")
        m.role = role
        if role == "a1":
            a1.append(actor)
        elif role == "a2":
            a2.append(actor)
        if m.end <= trig_i:
            before.append(actor)
        else:
            after.append(actor)
    if not a1 and not any(_armed(a) for a in before):
        # the subject is in the previous sentence ("They seized ...", "Ils se sont emparés ...")
        prev = [m for m in doc_matches if m.end <= sent.start and m.kind != "country"]
        if prev:
            prev_sent = doc[prev[-1].start].sent
            first = next((m for m in prev if m.start >= prev_sent.start and _armed(make(m))), None)
            if first is not None:
                actor = make(first)
                actor.rule = "previous-sentence"
                before.insert(0, actor)
    # a victim ("a soldier was killed") is never the one who acted
    before = [a for a in before if a not in a2]
    before.reverse()  # nearest first, but subjects of a clause before objects and modifiers
    before.sort(
        key=lambda a: not (a.match is not None and doc[a.match.start : a.match.end].root.dep_.startswith("nsubj"))
    )
    a2.sort(key=lambda a: a.rule == "dep:passive-subject")
    # the next sentence, when the parser cut the trigger's sentence short ("... 2020. les positions de ...")
    nxt = doc[sent.end].sent if sent.end < len(doc) else None
    later = [make(m) for m in doc_matches if nxt is not None and nxt.start <= m.start < nxt.end and m.kind != "country"]
    everyone = a1 + before + after + a2
    mutual = lex.has_cue("mutual", doc, sent.start, sent.end)

    actor1: Actor | None = None
    actor2: Actor | None = None
    if event_type == "Protests":
        actor1 = generic("protesters", rule="convention:protests")
        if sub_event_type != "Peaceful protest":
            actor2 = _pick(a2 + everyone, _state) or generic("police", rule="convention:intervention")
    elif event_type == "Riots":
        actor1 = generic("rioters", rule="convention:riots")
        state = _pick(a2 + everyone, _state)
        if state is None and sub_event_type != "Mob violence":  # "They clashed with police" in a later sentence
            for m in doc_matches:
                if m.kind == "class" and _is_state_class(m.key) and m.key != "government" and m.start >= sent.start:
                    state = make(m)
                    state.rule = "document"
                    break
        other = _pick(a2 + everyone, _nonstate_armed)
        if state is not None:
            actor2 = state
        elif other is not None and other.match is not None and other.match.kind == "named":
            actor2 = other
        elif mutual:
            actor2 = generic("rioters", rule="convention:mutual")
        elif sub_event_type == "Mob violence":
            actor2 = generic("civilians", rule="convention:mob")
        elif _pick(a2, lambda a: a.inter == "Civilians"):
            actor2 = generic("civilians", rule="convention:riot-victims")
    elif event_type == "Violence against civilians":
        actor2 = generic("civilians", rule="convention:vac")
        actor1 = _pick(a1 + before + after, _armed) or generic("unidentified_armed_group", rule="default:perpetrator")
    else:
        actor1 = _pick(a1, _armed) or _pick(before, _armed)
        rest = [a for a in a2 + after + before if a is not actor1]
        parties = conflict_parties(lex, iso3, country, event_date)
        if event_type == "Battles":
            actor2 = _pick(rest, lambda a: _armed(a) and (actor1 is None or a.name != actor1.name or mutual))
            if actor1 is None and actor2 is not None:
                actor1 = actor2
                actor2 = _pick(
                    [a for a in rest if a is not actor1], lambda a: _armed(a) and (a.name != actor1.name or mutual)
                )
            if actor1 is None:
                actor1 = (
                    parties[0] if parties else generic("unidentified_armed_group", rule="default:battle", gang=False)
                )
                actor1.rule = actor1.rule or "default:conflict-party"
            if actor2 is None:
                actor2 = _pick(later, lambda a: _armed(a) and a.inter != actor1.inter)
            if actor2 is None and (mutual or actor1.inter == "Identity militia") and actor1.match is not None:
                if actor1.match.kind == "class" and not actor1.match.extra.get("proper"):
                    actor2 = Actor(actor1.name, actor1.inter, None, "mutual")
            if actor2 is None:
                other = [p for p in parties if p.name != actor1.name]
                if other:
                    actor2 = other[0]
                    actor2.rule = "default:conflict-party"
                elif _state(actor1) or mutual or actor1.rule == "default:battle":
                    actor2 = generic("unidentified_armed_group", rule="default:opponent", gang=False)
                else:
                    actor2 = generic("military", rule="default:opponent")
        elif event_type == "Strategic developments" and sub_event_type not in (
            "Looting/property destruction",
            "Arrests",
            "Agreement",
            "Disrupted weapons use",
        ):
            actor1 = actor1 or _pick(after, _armed) or _pick(everyone, lambda a: True)
            actor2 = _pick(a2, lambda a: actor1 is None or a.name != actor1.name)
        else:
            if actor1 is None:
                actor1 = _pick(after, _armed)
                rest = [a for a in rest if a is not actor1]
            if actor1 is None:
                default = {
                    "Air/drone strike": "military",
                    "Arrests": "police",
                    "Disrupted weapons use": "military",
                    "Remote explosive/landmine/IED": "unidentified_armed_group",
                    "Grenade": "unidentified_armed_group",
                    "Suicide bomb": "unidentified_armed_group",
                    "Looting/property destruction": "unidentified_armed_group",
                }.get(sub_event_type)
                if sub_event_type == "Shelling/artillery/missile attack":
                    actor1 = parties[0] if parties else generic("military")
                    actor1.rule = "default:shelling"
                elif default:
                    actor1 = generic(default, rule="default:" + sub_event_type)
            civ = _pick(a2 + after, lambda a: a.inter == "Civilians")
            target = _pick(a2, lambda a: actor1 is None or a.name != actor1.name)
            if target is None:
                target = _pick(rest, lambda a: _armed(a) and (actor1 is None or a.name != actor1.name))
            if event_type == "Explosions/Remote violence" and actor1 is not None and actor1.match is None:
                # "the bomb had been planted by the Taliban" in the next sentence
                agent = next(
                    (a for a in later if _armed(a) and _cue_before(doc, a.match, lex, "agent", a.match.start - 4)), None
                )
                if agent is not None:
                    actor1, agent.rule = agent, "next-sentence:agent"
            if target is None and civ is None and event_type == "Explosions/Remote violence":
                target = _pick(later[:2], lambda a: _armed(a) and (actor1 is None or a.name != actor1.name))
            actor2 = target
            if civ is not None and (target is None or target.inter == "Civilians"):
                actor2 = civ
            if sub_event_type == "Looting/property destruction" and (actor2 is None or not _state(actor2)):
                actor2 = civ or generic("civilians", rule="convention:looting")
                if actor1 is not None and _state(actor1) and civ is None:
                    # seizures by state forces: the owners are the (unidentified) gang or armed group
                    actor2 = generic("unidentified_armed_group", rule="convention:seizure")
            if sub_event_type == "Disrupted weapons use" and actor2 is None and actor1 is not None and _state(actor1):
                actor2 = generic("unidentified_armed_group", rule="convention:weapons-owner", gang=False)
            if sub_event_type == "Arrests" and (actor2 is None or actor2.inter == "Civilians"):
                actor2 = generic("civilians", rule="convention:arrests")
            if event_type == "Explosions/Remote violence" and actor2 is None:
                civ_any = _pick(everyone, lambda a: a.inter == "Civilians" and a not in a1)
                if civ_any is not None:
                    actor2 = civ_any
            if actor2 is not None and actor2.inter == "Civilians" and actor2.match is not None:
                actor2 = Actor(generic("civilians").name, "Civilians", actor2.match, actor2.rule)

    res = ActorResult()
    for fld, actor in (("actor1", actor1), ("actor2", actor2)):
        if actor is None:
            continue
        setattr(res, fld, actor.name)
        setattr(res, "inter" + fld[-1], actor.inter)
        if actor.match is not None:
            span = doc[actor.match.start : actor.match.end]
            res.evidence.append(Evidence(fld, span.start_char, span.end_char, span.text, actor.rule))
    # associated actors: other named actors in the same role
    for fld, pool, main in (("assoc_actor_1", a1, actor1), ("assoc_actor_2", a2, actor2)):
        names: list[str] = []
        for a in pool:
            if main is not None and a.name != main.name and a.match is not None and a.match.kind == "named":
                if a.name not in names and a.name not in (res.actor1, res.actor2):
                    names.append(a.name)
        if names:
            setattr(res, fld, "; ".join(names))
    if event_type in ("Protests", "Riots"):
        # who demonstrated: ACLED codes the group as an associated actor of the protesters or rioters
        groups = demonstrator_groups(doc, sent.start, sent.end, lang, country)
        names = [n for n in (res.assoc_actor_1 or "").split("; ") if n]
        for name, g_start, g_end in groups:
            if name not in names and name not in (res.actor1, res.actor2):
                names.append(name)
                res.evidence.append(Evidence("assoc_actor_1", g_start, g_end, doc.text[g_start:g_end], "group"))
        res.assoc_actor_1 = "; ".join(names) or None
    return res
