"""Reported fatalities of an event, the ACLED way.

ACLED's rules (codebook, "Reported fatalities"): code the most conservative reported number of
deaths; vague counts become fixed numbers ("dozens" = 12, "tens" = 10, "hundreds" = 100,
"several"/"many" = 10, "a few" = 3 — see ``resources/<lang>/numbers.yaml``); injured, arrested,
missing or kidnapped people are not deaths; separate groups killed in the same event add up
("3 soldiers and 2 civilians were killed" = 5); a perpetrator killed counts too; a total split
between several events gives each event its share; no death reported means 0.

Language lives in ``resources/<lang>/fatalities.yaml``: death words that take their count on
the left ("3 soldiers were killed", "deux morts") or on the right ("killing 3", "faisant 3 morts",
"death toll rose to 7"), words that block the link (injured, arrested...), explicit zeros
("no fatalities", "aucune victime"), negators, background cues ("since 2011"), split cues.

    >>> count_fatalities("Gunmen killed 3 soldiers and 2 civilians.", None, "en").count
    5
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass

from veille.extractors.dates import find_dates_cached, sentence_spans_cached
from veille.extractors.numbers import NumberMatch, find_numbers
from veille.extractors.wordlists import alternation, norm
from veille.resources import load_yaml

__all__ = ["FatalityResult", "count_fatalities", "find_death_statements"]


@dataclass(slots=True)
class FatalityResult:
    """How many died, and the words that say so (no span when nothing is reported)."""

    count: int = 0
    start: int | None = None
    end: int | None = None
    text: str = ""
    rule: str = "none"


@dataclass(slots=True)
class DeathStatement:
    """One statement of a number of deaths: the death word, the count(s) linked to it."""

    start: int
    end: int
    count: int
    rule: str
    vague: bool = False
    ambiguous: bool = False


_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*'?|[^\w\s]", re.UNICODE)


@dataclass(slots=True)
class _Lex:
    right_re: re.Pattern
    left_re: re.Pattern
    zero_re: re.Pattern | None
    split_re: re.Pattern | None
    right_gap: frozenset[str]
    blockers: frozenset[str]
    ambiguous: frozenset[str]
    persons: frozenset[str]
    persons_plural: frozenset[str]
    range_before: tuple[str, ...]
    range_joiners: frozenset[str]
    tally_re: re.Pattern | None
    summary_re: re.Pattern | None
    one_pronouns: frozenset[str]
    one_articles: frozenset[str]
    singular_aux: tuple[str, ...]
    not_after: tuple[str, ...]
    not_before: tuple[str, ...]
    negators: tuple[str, ...]
    background: tuple[str, ...]
    sum_joiners: tuple[str, ...]
    subset: tuple[str, ...]
    split_units: frozenset[str]
    alternatives: frozenset[str]
    cause: tuple[str, ...]
    tally_context: tuple[str, ...]
    plural_aux: tuple[str, ...]
    companions: tuple[str, ...]
    not_persons: frozenset[str]
    one_re: re.Pattern | None
    left_adjacent: frozenset[str]
    toll_re: re.Pattern | None
    agents: frozenset[str]
    additional: frozenset[str]
    conflict: tuple[str, ...]
    determiners: frozenset[str]


@functools.cache
def _lex(lang: str) -> _Lex:
    d = load_yaml(f"{lang}/fatalities.yaml")
    nd = load_yaml(f"{lang}/numbers.yaml")
    b, e = r"(?<![\w])", r"(?![\w])"

    def rx(key):
        words = d.get(key) or []
        return re.compile(rf"{b}(?:{alternation(words)}){e}", re.IGNORECASE) if words else None

    split_re = None
    if d.get("split_cues"):
        split_re = re.compile(rf"{b}(?:{alternation(d['split_cues'])}){e}", re.IGNORECASE)
    return _Lex(
        right_re=rx("right"),
        left_re=rx("left"),
        zero_re=rx("zero"),
        split_re=split_re,
        right_gap=frozenset(norm(w) for w in d.get("right_gap", [])),
        blockers=frozenset(norm(w) for w in d.get("blockers", [])),
        ambiguous=frozenset(norm(w) for w in d.get("ambiguous_left", [])),
        persons=frozenset(norm(w) for w in d.get("persons", []))
        | frozenset(norm(w) for w in d.get("persons_plural", [])),
        persons_plural=frozenset(norm(w) for w in d.get("persons_plural", [])),
        range_before=tuple(norm(w) for w in d.get("range_before", [])),
        range_joiners=frozenset(norm(w) for w in d.get("range_joiners", [])),
        tally_re=rx("tally"),
        summary_re=rx("summary"),
        one_pronouns=frozenset(norm(w) for w in d.get("one_pronouns", [])),
        one_articles=frozenset(norm(w) for w in nd.get("one_articles", [])),
        singular_aux=tuple(norm(w) for w in d.get("singular_aux", [])),
        not_after=tuple(norm(w) for w in d.get("not_count_after", [])),
        not_before=tuple(norm(w) for w in d.get("not_count_before", [])),
        negators=tuple(norm(w) for w in d.get("negators", [])),
        background=tuple(norm(w) for w in d.get("background", [])),
        sum_joiners=tuple(norm(w) for w in d.get("sum_joiners", [])),
        subset=tuple(norm(w) for w in d.get("subset_cues", [])),
        split_units=frozenset(norm(w) for w in d.get("split_units", [])),
        alternatives=frozenset(norm(w) for w in d.get("alternatives", [])),
        cause=tuple(norm(w) for w in d.get("cause_cues", [])),
        tally_context=tuple(norm(w) for w in d.get("tally_context", [])),
        plural_aux=tuple(norm(w) for w in d.get("plural_aux", [])),
        companions=tuple(norm(w) for w in d.get("companions", [])),
        not_persons=frozenset(norm(w) for w in d.get("not_persons", [])),
        one_re=rx("one_phrases"),
        left_adjacent=frozenset(norm(w) for w in d.get("left_adjacent", [])),
        toll_re=rx("toll"),
        agents=frozenset(norm(w) for w in d.get("agent_markers", [])),
        additional=frozenset(norm(w) for w in d.get("additional_cues", [])),
        conflict=tuple(norm(w) for w in d.get("conflict_cues", [])),
        determiners=frozenset(norm(w) for w in d.get("determiners", [])),
    )


def _tokens(s: str) -> list[str]:
    return [norm(t) for t in _TOKEN.findall(s)]


def _ends_with(toks: list[str], phrases) -> bool:
    """Whether the token list ends with one of the (multi-word) phrases."""
    joined = " " + " ".join(toks)
    return any(joined.endswith(" " + p) for p in phrases)


def _has_phrase(toks: list[str], phrases) -> bool:
    """Whether the token list contains one of the (multi-word) phrases."""
    joined = " " + " ".join(toks) + " "
    return any(f" {p} " in joined for p in phrases)


def _count_numbers(text: str, lang: str, lex: _Lex, dates: list[tuple[int, int]]) -> list[NumberMatch]:
    """Numbers that may count people: not dates, ages, times, distances, ranks."""
    nums = find_numbers(text, lang)
    # "a"/"an": one, only right before a person noun ("a man", "a 25-year-old soldier")
    for m in re.finditer(rf"(?<![\w])(?:{alternation(lex.one_articles)})(?![\w])", text, re.IGNORECASE):
        nums.append(NumberMatch(m.start(), m.end(), m.group(0), 1, False))
    out = []
    for n in sorted(nums, key=lambda n: n.start):
        if any(n.start < b and n.end > a for a, b in dates):
            continue
        if any(n.start < o.end and n.end > o.start for o in out):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", n.text):
            continue
        after = norm(text[n.end : n.end + 14])
        before = norm(text[max(0, n.start - 14) : n.start])
        if any(after.startswith(w) and (len(after) == len(w) or not after[len(w)].isalnum()) for w in lex.not_after):
            continue
        if any(
            before.endswith(w) and (len(before) == len(w) or not before[-len(w) - 1].isalnum()) for w in lex.not_before
        ):
            continue
        if re.match(r"\s*[-/:]\s*\d", text[n.end : n.end + 4]) or re.search(
            r"\d\s*[-/:]\s*$", text[max(0, n.start - 4) : n.start]
        ):
            continue  # scores, times, ranges of ids
        if norm(n.text) in lex.one_articles:
            nxt = _tokens(text[n.end : n.end + 60])[:7]
            # the article's own noun first: "un convoi militaire" is no soldier
            head = list(itertools.takewhile(lambda t: t not in lex.not_persons, nxt[:3]))
            if (
                not any(t in lex.persons for t in head)
                and not _has_phrase(nxt[1:], lex.singular_aux)
                and not lex.left_re.match(text, n.end + len(text[n.end :]) - len(text[n.end :].lstrip()))
            ):
                continue
        out.append(n)
    return out


def _negated(text: str, start: int, lex: _Lex) -> bool:
    toks = _tokens(text[max(0, start - 40) : start])[-4:]
    return _has_phrase(toks, lex.negators)


def _background(text: str, start: int, end: int, sent: tuple[int, int], lex: _Lex) -> bool:
    after = _tokens(text[end : min(sent[1], end + 60)])[:8]
    before = _tokens(text[max(sent[0], start - 50) : start])[-6:]
    return _has_phrase(after, lex.background) or _has_phrase(before, lex.background)


def _caused(text: str, start: int, sent: tuple[int, int], lex: _Lex, end: int | None = None) -> bool:
    """Deaths that caused a protest or a commemoration ("protesting the killing of a student")."""
    before = _tokens(text[max(sent[0], start - 60) : start])[-7:]
    inside = _tokens(text[start : end if end is not None else start])
    return _has_phrase(before + inside, lex.cause)


def _companion(text: str, pos: int, lex: _Lex) -> bool:
    """ "a commander and his son": one more than the count."""
    return _has_phrase(_tokens(text[pos : pos + 50])[:6], lex.companions)


def _sentence(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos <= e:
            return (s, e)
    return spans[-1]


_PAREN = re.compile(r"\([^()]*\)")
_BREAK = re.compile(r"[.;:!?()\[\]]")


def _clean_gap(gap: str) -> str:
    """A gap with its parentheticals removed: "5 civilians (2 men, 3 women) were killed"."""
    return _PAREN.sub(" ", gap)


def _in_paren(text: str, pos: int, limit: int) -> bool:
    """Whether ``pos`` sits inside a parenthesis closed before ``limit``."""
    o = text.rfind("(", 0, pos)
    if o < 0 or text.rfind(")", 0, pos) > o:
        return False
    c = text.find(")", pos)
    return 0 <= c < limit


def _left_chain(text: str, nums: list[NumberMatch], i: int, lex: _Lex) -> tuple[int, int, bool]:
    """Sum groups joined by "and"/"," going left from nums[i]; a subset cue keeps the superset;
    a range ("between 43 and 52", "3 to 5") keeps its lowest number."""
    total, start, vague = nums[i].value, nums[i].start, nums[i].vague
    j = i
    while j > 0:
        prev = nums[j - 1]
        gap = _clean_gap(text[prev.end : nums[j].start])
        toks = _tokens(gap)
        if len(toks) > 6 or any(t in lex.blockers for t in toks) or _BREAK.search(gap):
            break
        if _has_phrase(toks, lex.subset):
            total, start, vague = max(total, prev.value), prev.start, prev.vague
            j -= 1
            continue
        before = _tokens(text[max(0, prev.start - 20) : prev.start])[-1:]
        if (toks and toks[-1] in lex.range_joiners and len(toks) <= 2) or (
            before and before[-1] in lex.range_before and _ends_with(toks, lex.sum_joiners)
        ):
            total, start, vague = min(total, prev.value), prev.start, prev.vague
            break
        if _ends_with(toks, lex.sum_joiners) and len(toks) <= 4 and not (prev.vague and toks[-1] == ","):
            total += prev.value
            start, vague = prev.start, vague or prev.vague
            j -= 1
            continue
        break
    return total, start, vague


def _right_chain(text: str, nums: list[NumberMatch], i: int, lex: _Lex, limit: int) -> tuple[int, int]:
    """Sum groups joined by "and" going right from nums[i] ("killing 3 soldiers and 2 civilians")."""
    total, end = nums[i].value, nums[i].end
    j = i
    while j + 1 < len(nums) and nums[j + 1].start < limit:
        nxt = nums[j + 1]
        gap = _clean_gap(text[nums[j].end : nxt.start])
        toks = _tokens(gap)
        if len(toks) > 5 or any(t in lex.blockers for t in toks) or _BREAK.search(gap):
            break
        if _has_phrase(toks, lex.subset):
            break
        lead = _tokens(text[max(0, nums[i].start - 20) : nums[i].start])[-1:]
        is_range = lead and lead[0] in lex.range_before and j == i and _ends_with(toks, lex.sum_joiners)
        if (toks and toks[-1] in lex.range_joiners and len(toks) <= 2) or is_range:
            total = min(total, nxt.value)
            end = nxt.end
            break
        if len(toks) > 1 and toks[-1] in lex.right_gap and toks[-1] not in lex.sum_joiners:
            toks = toks[:-1]
        if _ends_with(toks, lex.sum_joiners) and "," not in toks[:-1]:
            after = _tokens(text[nxt.end : min(limit, nxt.end + 60)])[:5]
            # only when the second group is not followed by another outcome ("and 2 injured")
            if any(t in lex.blockers for t in after[:3]):
                break
            total += nxt.value
            end = nxt.end
            j += 1
            continue
        break
    return total, end


def _singular_before(text: str, ds: int, sent: tuple[int, int], lex: _Lex) -> bool:
    """ "The driver died", "a police officer was shot in the head and died": one person."""
    toks = _tokens(text[max(sent[0], ds - 90) : ds])[-10:]
    if _has_phrase(toks[-3:], lex.plural_aux):
        return False
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if t in lex.persons_plural and any(a in lex.agents for a in toks[max(0, k - 3) : k]):
            continue  # "a farmer was abducted by three men and stabbed to death": the perpetrators
        if t in lex.persons_plural:
            return False
        if t in lex.persons:
            return True
        if t in (",", ";", ":"):
            return False
    return False


def _singular_after(text: str, de: int, sent: tuple[int, int], lex: _Lex) -> int | None:
    """ "killing the driver", "killed a revenue collector": one person; returns the end offset."""
    rest = text[de : min(sent[1], de + 60)]
    toks = _TOKEN.findall(rest)
    low = [norm(t) for t in toks]
    if not low:
        return None
    if low[0] in lex.one_pronouns:
        return de + rest.find(toks[0]) + len(toks[0])
    if low[0] not in lex.determiners:
        return None
    for k, t in enumerate(low[1:5], start=1):
        if t in lex.persons_plural or t in lex.blockers or t in lex.not_persons or not t[0].isalnum():
            return None
        if t in lex.persons:
            pos = 0
            for tok in toks[: k + 1]:
                pos = rest.find(tok, pos) + len(tok)
            return de + pos
    if low[0] in lex.one_articles and len(low) > 1 and low[1][0].isalpha() and low[1] not in lex.not_persons:
        return de + rest.find(toks[1]) + len(toks[1])
    return None


def find_death_statements(text: str, lang: str) -> list[DeathStatement]:
    """Every statement of a number of deaths in ``text`` (zeros included), in text order."""
    lex = _lex(lang)
    dates = [(m.start, m.end) for m in find_dates_cached(text, lang)]
    nums = _count_numbers(text, lang, lex, dates)
    spans = sentence_spans_cached(text)
    # dates inside a statement ("a tué jeudi 30 avril 5 civils") are blanked, offsets kept
    for a, b in dates:
        text = text[:a] + " " * (b - a) + text[b:]
    out: list[DeathStatement] = []
    used_nums: set[int] = set()
    covered: list[tuple[int, int]] = []

    if lex.zero_re is not None:
        for m in lex.zero_re.finditer(text):
            out.append(DeathStatement(m.start(), m.end(), 0, "zero"))
            covered.append(m.span())

    deaths: list[tuple[int, int, str]] = []
    for m in lex.right_re.finditer(text):
        deaths.append((m.start(), m.end(), "right"))
    for m in lex.left_re.finditer(text):
        deaths.append((m.start(), m.end(), "left"))
    if lex.one_re is not None:
        for m in lex.one_re.finditer(text):
            deaths.append((m.start(), m.end(), "one"))
    deaths.sort(key=lambda x: (x[0], x[2] == "left", x[2] == "right"))

    for ds, de, side in deaths:
        if any(a <= ds < b or a < de <= b for a, b in covered):
            continue
        sent = _sentence(spans, ds)
        word = norm(text[ds:de])
        nxt = _tokens(text[de : min(sent[1], de + 40)])[:4]
        joined = len(nxt) > 1 and (nxt[0] in lex.alternatives or nxt[0] in lex.sum_joiners)
        if joined and nxt[0] in lex.alternatives and any(t in lex.blockers for t in nxt[1:3]):
            continue  # "killed or injured": not a death count
        if nxt[:1] == [","] and any(t in lex.blockers for t in nxt[1:2]) and any(t in lex.alternatives for t in nxt):
            continue  # "killed, injured or captured"
        mixed = joined and any(t in lex.blockers for t in nxt[1:2])  # "killing and injuring 10"
        tally = bool(lex.tally_re and lex.tally_re.fullmatch(text[ds:de]))
        if tally and lex.tally_context:
            ctx = _tokens(text[max(sent[0], ds - 60) : ds])[-6:]
            if not any(t.startswith(c) for t in ctx for c in lex.tally_context):
                continue
        if side == "one":
            if not _negated(text, ds, lex) and not _caused(text, ds, sent, lex, de):
                out.append(DeathStatement(ds, de, 1, f"one:{word}"))
                covered.append((ds, de))
            continue
        if side == "right":
            found = False
            for i, n in enumerate(nums):
                if n.start < de or i in used_nums:
                    continue
                if n.start > sent[1]:
                    break
                toks = _tokens(text[de : n.start])
                if mixed and len(toks) >= 2 and toks[0] in lex.sum_joiners and toks[1] in lex.blockers:
                    toks = toks[2:]
                post = _tokens(text[n.end : n.end + 30])[:2]
                if post and post[0] in lex.blockers:
                    if not toks:
                        covered.append((ds, n.end))  # "killed 15 livestock": no count on the left either
                    break  # "1 killed 3 injured": the number after belongs to the injured
                toll = bool(lex.toll_re and lex.toll_re.fullmatch(text[ds:de]))
                loose = toll and len(toks) <= 8 and not any(t in lex.blockers for t in toks)
                if loose and _BREAK.search(text[de : n.start]):
                    loose = False
                if loose or (len(toks) <= 6 and all(t in lex.right_gap for t in toks)):
                    total, end = _right_chain(text, nums, i, lex, sent[1])
                    if total == 1 and _companion(text, n.end, lex):
                        total = 2
                    if not tally and (_negated(text, ds, lex) or _background(text, ds, end, sent, lex)):
                        break
                    rule = ("tally:" if tally else "right:") + word
                    if not tally and _caused(text, ds, sent, lex, de):
                        break
                    out.append(DeathStatement(ds, end, total, rule, n.vague, mixed and not tally))
                    used_nums.update(k for k, x in enumerate(nums) if n.start <= x.start and x.end <= end)
                    covered.append((ds, end))
                    found = True
                break
            if found:
                continue
            end = _singular_after(text, de, sent, lex)
            if end is not None and not _negated(text, ds, lex) and not _caused(text, ds, sent, lex, de):
                out.append(DeathStatement(ds, end, 1 + _companion(text, end, lex), f"one:{word}"))
                covered.append((ds, end))
            continue
        # left: the nearest count before the death word in the same clause
        best = None
        for i in range(len(nums) - 1, -1, -1):
            n = nums[i]
            if n.end > ds or _in_paren(text, n.start, ds):
                continue
            if n.start < sent[0]:
                break
            gap = _clean_gap(text[n.end : ds])
            toks = _tokens(gap)
            agent = _tokens(text[max(0, n.start - 12) : n.start])[-1:]
            if agent and agent[0] in lex.agents:
                break  # "abducted by four men": the perpetrators
            if word in lex.left_adjacent and toks:
                break
            if (
                len(toks) <= 10
                and not any(t in lex.blockers for t in toks)
                and not _BREAK.search(gap)
                and not _has_phrase(toks, lex.negators)
            ):
                best = i
            break
        if best is not None and best in used_nums:
            continue
        if best is not None:
            total, start, vague = _left_chain(text, nums, best, lex)
            if _negated(text, start, lex) or _background(text, start, de, sent, lex):
                continue
            if _caused(text, start, sent, lex, de):
                continue
            if total == 1 and _companion(text, nums[best].end, lex):
                total = 2
            amb = word in lex.ambiguous
            out.append(DeathStatement(start, de, total, f"left:{word}", vague, amb))
            used_nums.add(best)
            covered.append((start, de))
            continue
        aux = _tokens(text[max(sent[0], ds - 40) : ds])[-4:]
        single = _has_phrase(aux, lex.singular_aux) and not any(t in lex.blockers for t in aux)
        single = single and not _has_phrase(aux, lex.plural_aux)
        if word not in lex.ambiguous and (single or _singular_before(text, ds, sent, lex)):
            if any(o.start >= sent[0] and o.count > 0 for o in out):
                continue  # "an old man's body was found ... his body": the same person
            if not _negated(text, ds, lex) and not _caused(text, ds, sent, lex, de):
                out.append(DeathStatement(ds, de, 1 + _companion(text, sent[0], lex), f"one:{word}"))
                covered.append((ds, de))
    out.sort(key=lambda s: s.start)
    return out


@functools.lru_cache(maxsize=16)
def _statements_cached(text: str, lang: str) -> tuple[DeathStatement, ...]:
    """:func:`find_death_statements`, computed once per text (read only)."""
    return tuple(find_death_statements(text, lang))


def _split_divisor(text: str, lang: str, lex: _Lex) -> tuple[int, int, int] | None:
    """ "20 fatalities split up between 3 events": (divisor, start, end) of the split note."""
    if lex.split_re is None:
        return None
    for m in lex.split_re.finditer(text):
        rest = text[m.end() : m.end() + 40]
        for n in find_numbers(rest, lang):
            toks = _tokens(rest[n.end : n.end + 20])
            if toks and toks[0] in lex.split_units and n.value > 1:
                return n.value, m.start(), m.end() + n.end
            break
    return None


def count_fatalities(text: str, anchor: tuple[int, int] | None, lang: str, doc=None) -> FatalityResult:
    """The number of people reported killed in the event at ``anchor`` (None: the text's main event).

    Statements in the anchor's sentence and after come first; an explicit tally ("fatalities coded
    as 10") wins, then a summary ("5 fatalities", "death toll rose to 7"), then the statements of
    the first sentence that reports deaths, added up (different groups); a total split between
    several events gives this event its share (rounded). 0 when no death is reported. ``doc`` is
    accepted for pipelines that have a spaCy Doc; it is not needed.
    """
    if not text:
        return FatalityResult()
    lex = _lex(lang)
    stmts = list(_statements_cached(text, lang))
    spans = sentence_spans_cached(text)
    if anchor is not None:
        a_sent = _sentence(spans, anchor[0])
        after = [s for s in stmts if s.start >= a_sent[0]]
        if any(s.count > 0 or s.rule.startswith("tally") for s in after):
            stmts = after
    tallies = [s for s in stmts if s.rule.startswith("tally")]
    if tallies:
        chosen = [tallies[-1]]
    else:
        pos = [s for s in stmts if s.count > 0 and not s.ambiguous]
        if not pos:
            pos = [s for s in stmts if s.count > 0]
        if not pos:
            zero = next((s for s in stmts if s.rule == "zero"), None)
            if zero is not None:
                return FatalityResult(0, zero.start, zero.end, text[zero.start : zero.end], "zero")
            return FatalityResult()
        summaries = [s for s in pos if lex.summary_re and lex.summary_re.fullmatch(s.rule.split(":", 1)[1])]
        if summaries:
            chosen = [summaries[-1]]
        else:
            first = _sentence(spans, pos[0].start)
            chosen, seen = [], set()
            for s in pos:
                in_first = first[0] <= s.start <= first[1]
                # later sentences add other groups, not repeats nor inferred single deaths
                if not in_first and chosen:
                    gap = [k for k, sp in enumerate(spans) if chosen[-1].start <= sp[1] and sp[0] <= s.start]
                    if len(gap) > 3:
                        continue  # too far from the event's own statements: another story
                extra = any(t in lex.additional for t in _tokens(text[s.start : s.end]))
                if not in_first and ((s.count in seen and not extra) or s.rule.startswith("one:")):
                    continue
                sent = _sentence(spans, s.start)
                lead = text[max(sent[0], chosen[-1].end if chosen else 0) : s.start]
                if chosen and _has_phrase(_tokens(lead), lex.conflict):
                    if s.count < sum(c.count for c in chosen):
                        chosen = [s]  # conflicting reports: the lowest
                    continue
                seen.add(s.count)
                chosen.append(s)
    count = sum(s.count for s in chosen)
    start, end = chosen[0].start, chosen[-1].end
    rule = "+".join(s.rule for s in chosen)
    split = _split_divisor(text, lang, lex)
    if split is not None and count:
        count = math.floor(count / split[0] + 0.49)
        rule += f"+split/{split[0]}"
    return FatalityResult(count, start, end, text[start:end], rule)
