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
from dataclasses import dataclass, field

import pycountry
from spacy.tokens import Doc, Span

from veille.extract.actor_lexicon import ActorLexicon, Match, common_data
from veille.model import Evidence

STATE_CLASSES = ("military", "police", "gendarmerie", "government")
ARMED_EXCLUDED = ("civilians", "protesters", "rioters", "prisoners")
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
    """" (2019-)": the government period ACLED appends to state forces, or "" if unknown."""
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


def class_actor(cls: str, iso3: str | None, country: str | None, event_iso3: str | None, event_date: str | None) -> Actor:
    """A generic actor of class ``cls`` ("military", "civilians", ...) for a country."""
    data = common_data()
    spec = data["classes"][cls]
    if cls == "unidentified_armed_group" and event_iso3 in (data.get("gang_countries") or ()):
        spec = data["classes"]["gang"]
    iso3 = iso3 or event_iso3
    name = country_name(iso3) if iso3 and (iso3 != event_iso3 or not country) else (country or "")
    the = "the " if iso3 in (data.get("the_countries") or ()) else ""
    if not name:
        name = "International" if not spec.get("state") else "Unknown"
    label = spec["template"].format(
        country=name, the_country=the + name, period=period(iso3, event_date) if iso3 else ""
    )
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
        actor = Actor(spec["named_template"].format(name=m.extra["proper"], country=cname), spec["inter"])
    else:
        actor = class_actor(m.key, m.country, country, event_iso3, date)
    actor.match = m
    return actor


def party_actor(
    lex: ActorLexicon, spec: str, event_iso3: str | None, country: str | None, date: str | None
) -> Actor:
    """An actor written in data as a class ("military"), "class/ISO3" or a named actor's id."""
    cls, _, iso = spec.partition("/")
    if cls in common_data()["classes"]:
        return class_actor(cls, iso or None, country, event_iso3, date)
    return named_actor(lex, spec, event_iso3, country)


def conflict_parties(
    lex: ActorLexicon, event_iso3: str | None, country: str | None, date: str | None
) -> list[Actor]:
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


def attach_countries(doc: Doc, matches: list[Match], lex: ActorLexicon) -> None:
    """Give state-force words the country of an adjacent demonym or country name; mark it used."""
    for idx, m in enumerate(matches):
        if m.kind != "class" or m.key not in STATE_CLASSES + ("rebels",) or m.country:
            continue
        after = matches[idx + 1] if idx + 1 < len(matches) else None
        before = matches[idx - 1] if idx > 0 else None
        if after is not None and after.kind == "country" and _gap_ok(doc, m.end, after.start, lex, True):
            m.country, after.dropped = after.key, True
        elif before is not None and before.kind == "country" and _gap_ok(doc, before.end, m.start, lex, False):
            m.country, before.dropped = before.key, True
        if m.key == "rebels" and m.country:
            m.country = None  # "Syrian rebels": rebels keep the event country


def fold_heads(doc: Doc, matches: list[Match], lex: ActorLexicon) -> None:
    """Drop a generic word that introduces or qualifies another actor ("Taliban fighters",
    "members of Boko Haram", "rebelles houthis", "soldiers of the army")."""
    live = [m for m in matches if not m.dropped and m.kind != "country"]
    for a, b in zip(live, live[1:]):
        gap = doc[a.end : b.start]
        adjacent = all(t.pos_ in ("DET", "PUNCT", "PART") and t.text not in (",", ";") for t in gap) and len(gap) <= 1
        partitive = False
        if 0 < len(gap) <= 3:
            for k in range(a.end, b.start):
                n = lex.cue_after("partitive_prep", doc, k)
                if n and all(t.pos_ in ("DET",) for t in doc[k + n : b.start]):
                    partitive = True
                    break
        if not (adjacent or partitive):
            continue
        if a.kind == "class" and b.kind == "named":
            a.dropped = True
        elif a.kind == "named" and b.kind == "class" and adjacent:
            b.dropped = True
        elif a.kind == "class" and b.kind == "class" and partitive:
            # "members of the police": the head gives way; "civilians of Mali" never reaches here
            if a.key in ("civilians", "unidentified_armed_group", "militia") or a.key == b.key:
                a.dropped = True
        elif a.kind == "class" and b.kind == "class" and adjacent and a.key == b.key:
            b.dropped = True


# --------------------------------------------------------------------------- roles


def _root(span: Span):
    return span.root


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
    if _cue_before(doc, m, lex, "agent", sent_start):
        return "a1", "cue:agent"
    if _cue_before(doc, m, lex, "between", sent_start):
        return "a1", "cue:between"
    if _cue_before(doc, m, lex, "target", sent_start):
        return "a2", "cue:target"
    if trig is not None:
        tok = doc[m.start : m.end].root
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
    """Actors of the event whose trigger is ``trigger`` in sentence ``sentence`` (char spans of ``doc``)."""
    lex = ActorLexicon.for_language(lang)
    sent = doc.char_span(sentence[0], sentence[1], alignment_mode="expand") or doc[:]
    matches = lex.match(doc, sent.start, sent.end)
    attach_countries(doc, matches, lex)
    fold_heads(doc, matches, lex)
    trig = _trigger_token(doc, trigger)
    trig_i = trig.i if trig is not None else sent.start

    def make(m: Match) -> Actor:
        return resolve(lex, m, iso3, country, event_date)

    a1: list[Actor] = []
    a2: list[Actor] = []
    before: list[Actor] = []
    after: list[Actor] = []
    for m in matches:
        if m.dropped:
            continue
        if m.kind == "country":
            # a bare country as the subject of the trigger: its armed forces ("Turkey shelled ...")
            tok = doc[m.start : m.end].root
            if trig is not None and tok.head == trig and tok.dep_.lower().startswith("nsubj") and not _is_passive(trig):
                m.kind, m.key, m.country = "class", "military", m.key
            else:
                continue
        role, rule = role_of(doc, m, trig, lex, sent.start)
        actor = make(m)
        actor.rule = rule or ("before-trigger" if m.end <= trig_i else "after-trigger")
        m.role = role
        if role == "a1":
            a1.append(actor)
        elif role == "a2":
            a2.append(actor)
        if m.end <= trig_i:
            before.append(actor)
        else:
            after.append(actor)
    # nearest first
    before.reverse()

    def generic(cls: str, iso: str | None = None, rule: str = "") -> Actor:
        a = class_actor(cls, iso, country, iso3, event_date)
        a.rule = rule or f"default:{cls}"
        return a

    def is_state(a: Actor) -> bool:
        return a.inter in ("State forces", "External/Other forces") and not a.name.startswith("Private")

    def armed(a: Actor) -> bool:
        return a.inter not in ("Civilians", "Protesters", "Rioters")

    ordered = a1 + before + after + a2
    actor1: Actor | None = None
    actor2: Actor | None = None

    if event_type == "Protests":
        actor1 = generic("protesters", rule="convention:protests")
        if sub_event_type != "Peaceful protest":
            actor2 = _pick(a2 + ordered, is_state) or generic("police", rule="convention:intervention")
    elif event_type == "Riots":
        actor1 = generic("rioters", rule="convention:riots")
        state = _pick(a2 + ordered, is_state)
        if sub_event_type == "Mob violence":
            actor2 = state if state and state in a2 else generic("civilians", rule="convention:mob")
        else:
            actor2 = state
            if actor2 is None:
                actor2 = _pick(a2, lambda a: a.inter == "Civilians")
    elif event_type == "Violence against civilians":
        actor2 = generic("civilians", rule="convention:vac")
        actor1 = _pick(a1 + before + after, armed) or generic("unidentified_armed_group", rule="default:perpetrator")
    else:
        actor1 = _pick(a1, armed) or _pick(before, armed)
        rest = [a for a in a2 + after + before if a is not actor1]
        if event_type == "Battles":
            actor2 = _pick(rest, lambda a: armed(a) and (actor1 is None or a.name != actor1.name))
            if actor1 is None:
                actor1, actor2 = actor2, None
                if actor1 is not None:
                    rest = [a for a in rest if a is not actor1]
                    actor2 = _pick(rest, lambda a: armed(a) and a.name != actor1.name)
            if actor1 is None:
                actor1 = generic("military", rule="default:battle")
            if actor2 is None:
                actor2 = generic(
                    "unidentified_armed_group" if is_state(actor1) else "military", rule="default:battle-opponent"
                )
        else:
            if actor1 is None:
                actor1 = _pick(after, armed)
                rest = [a for a in rest if a is not actor1]
            if actor1 is None:
                default = {
                    "Air/drone strike": "military",
                    "Shelling/artillery/missile attack": "military",
                    "Arrests": "police",
                    "Disrupted weapons use": "military",
                    "Remote explosive/landmine/IED": "unidentified_armed_group",
                    "Grenade": "unidentified_armed_group",
                    "Suicide bomb": "unidentified_armed_group",
                }.get(sub_event_type)
                if default:
                    actor1 = generic(default, rule="default:" + sub_event_type)
            civ = _pick(a2 + after, lambda a: a.inter == "Civilians")
            target = _pick(a2, lambda a: actor1 is None or a.name != actor1.name)
            if target is None:
                target = _pick(rest, lambda a: armed(a) and (actor1 is None or a.name != actor1.name))
            actor2 = target
            if civ is not None and (target is None or target.inter == "Civilians"):
                actor2 = civ
            if actor2 is not None and actor2.inter == "Civilians":
                actor2 = generic("civilians", rule="convention:civilians")

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
        names = []
        for a in pool:
            if main is not None and a.name != main.name and a.match is not None and a.match.kind == "named":
                if a.name not in names and a.name not in (res.actor1, res.actor2):
                    names.append(a.name)
        if names:
            setattr(res, fld, "; ".join(names))
    return res
