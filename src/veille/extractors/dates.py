"""Event dates: find date expressions and resolve the one that dates the main event.

Language lives in ``resources/<lang>/dates.yaml`` (month and weekday names, relative words,
cues); this module only builds regular expressions from those lists and applies ACLED's
conventions:

* ``time_precision`` 1 = the day is known, 2 = the week (``around``, ``the week of``, a range of
  a few days, ``last week``), 3 = the month (``in May 2020``, ``early May``, a long range).
* A range of days ("between 1 and 3 May", "du 1er au 3 mai", "the night of 3-4 May") is coded to
  its first day. A night spanning two days ("dans la nuit de samedi à dimanche") is coded to the
  day it began (the Saturday), with precision 1.
* A weekday alone ("lundi soir", "on Monday") is the most recent such day on or before the
  publication date (the publication weekday itself means that day).
* Without a publication date and without a year somewhere in the text, a date without a year
  resolves to nothing: the extractor never guesses today's date.

    >>> resolve_date("On 9 May 2020, protesters gathered.", None, None, "en").date
    '2020-05-09'
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from veille.extractors.wordlists import alternation, norm
from veille.resources import load_yaml

__all__ = ["DateMention", "DateResult", "find_dates", "find_dates_cached", "resolve_date", "sentence_spans"]


@dataclass(slots=True)
class DateResult:
    """The resolved event date and the words it came from."""

    date: str  # YYYY-MM-DD
    precision: int  # ACLED time_precision: 1 day, 2 week, 3 month
    start: int
    end: int
    text: str
    rule: str


@dataclass(slots=True)
class DateMention:
    """A date expression found in a text, not yet resolved against a publication date."""

    start: int
    end: int
    text: str
    kind: str  # abs | weekday | rel_day | rel_week | rel_month | month
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    offset: int | str | None = None  # days (rel_day/rel_week), months (rel_month) or "weekend"
    precision: int = 1
    ignored: bool = False  # "since 2015", "by 30 May", publication stamps
    rule: str = ""


# --------------------------------------------------------------------------- lexicon


@dataclass(slots=True)
class _Lex:
    months: dict[str, int]
    weekdays: dict[str, int]
    short: frozenset[str]
    cap_months: bool
    numeric_order: str | None
    rel_days: dict[str, int]
    rel_weeks: dict[str, object]
    rel_months: dict[str, int]
    week_before: tuple[str, ...]
    week_after: tuple[str, ...]
    month_before: tuple[str, ...]
    ignore_before: tuple[str, ...]
    ignore_after: tuple[str, ...]
    weekday_last: tuple[str, ...]
    weekday_next: tuple[str, ...]
    patterns: list[tuple[str, re.Pattern]]


@functools.cache
def _lex(lang: str) -> _Lex:
    data = load_yaml(f"{lang}/dates.yaml")
    months = {norm(k): int(v) for k, v in data["months"].items()}
    weekdays = {norm(k): int(v) for k, v in data["weekdays"].items()}
    short = frozenset(norm(s) for s in data.get("short_forms", []))
    ords = data.get("ordinal_suffix", "")
    glue = data.get("day_month_glue", "")
    b, e = r"(?<![\w])", r"(?![\w])"
    month_alt = alternation(months)
    wd_alt = alternation(weekdays)
    MON = rf"(?P<mon>{month_alt})\.?"
    MON2 = rf"(?P<mon2>{month_alt})\.?"
    DAY = rf"(?P<d>[0-3]?\d){ords}?"
    DAY2 = rf"(?P<d2>[0-3]?\d){ords}?"
    YEAR = r"(?P<y>(?:1[89]|20)\d{2})"
    WD = rf"(?:(?P<wd>{wd_alt})\.?,?\s+(?:the\s+|le\s+)?)"
    sep = alternation(data.get("range_separators", ["-"]))
    pre = alternation(data.get("range_prefixes", []))
    night = alternation(data.get("night_words", []))
    art = r"(?:(?:the|le|la|l')\s+)?"
    pats = [
        # "between 1 and 3 May 2020", "du 1er au 3 mai", "the night of 3-4 May", "24 April-8 May"
        (
            "range",
            rf"{b}(?:(?:{pre})\s+)?{WD}?{art}{DAY}(?:{glue}\s+{MON2})?\s*(?:{sep})\s*"
            rf"(?:(?:{wd_alt})\.?\s+)?{art}{DAY2}{glue}\s+{MON}(?:,?\s+{YEAR})?{e}",
        ),
        # "Tuesday, 9 May 2020", "mardi 28 avril", "le 1er mai 2020", "the 3rd of May"
        ("dmy", rf"{b}{WD}?{art}{DAY}{glue}\s+{MON}(?:,?\s+{YEAR})?{e}"),
        # "May 9, 2020", "Tuesday, May 9"
        ("mdy", rf"{b}{WD}?{MON}\s+{DAY}(?:,?\s+{YEAR})?{e}"),
        # "2020-05-09"
        ("iso", rf"{b}(?P<y>(?:19|20)\d{{2}})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d){e}"),
        # "9/5/2020", "13.05.2020"
        ("numeric", rf"{b}(?P<a>[0-3]?\d)[/.](?P<c>[01]?\d)[/.](?P<y>(?:19|20)\d{{2}}){e}"),
        # "in May 2020", "early May", "début mai"
        ("month", rf"{b}{MON}(?:\s+{YEAR})?{e}"),
        # "la nuit de samedi à dimanche", "Saturday night", "lundi soir", "last Monday"
        (
            "weekday",
            rf"{b}(?:(?:{night})\s+(?:of|de|du)\s+)?(?P<wd>{wd_alt})\.?(?:\s+(?:{sep})\s+(?:{wd_alt}))?{e}",
        ),
        ("rel_day", rf"{b}(?P<rel>{alternation(data.get('relative_days', {}))}){e}"),
        ("rel_week", rf"{b}(?P<rel>{alternation(data.get('relative_weeks', {}))}){e}"),
        ("rel_month", rf"{b}(?P<rel>{alternation(data.get('relative_months', {}))}){e}"),
    ]
    compiled = []
    for name, p in pats:
        if "(?P<rel>)" in p or "(?P<wd>)" in p:
            continue
        compiled.append((name, re.compile(p, re.IGNORECASE)))
    return _Lex(
        months=months,
        weekdays=weekdays,
        short=short,
        cap_months=bool(data.get("capitalized_months", False)),
        numeric_order=data.get("numeric_order"),
        rel_days={norm(k): int(v) for k, v in (data.get("relative_days") or {}).items()},
        rel_weeks={norm(k): v for k, v in (data.get("relative_weeks") or {}).items()},
        rel_months={norm(k): int(v) for k, v in (data.get("relative_months") or {}).items()},
        week_before=tuple(norm(s) for s in data.get("week_cues_before", [])),
        week_after=tuple(norm(s) for s in data.get("week_cues_after", [])),
        month_before=tuple(norm(s) for s in data.get("month_cues_before", [])),
        ignore_before=tuple(norm(s) for s in data.get("ignore_before", [])),
        ignore_after=tuple(norm(s) for s in data.get("ignore_after", [])),
        weekday_last=tuple(norm(s) for s in data.get("weekday_last", [])),
        weekday_next=tuple(norm(s) for s in data.get("weekday_next", [])),
        patterns=compiled,
    )


# --------------------------------------------------------------------------- finding


def _ends_with_cue(before: str, cues: tuple[str, ...]) -> str | None:
    """The cue that ``before`` (lowercased text just before a date) ends with, as whole words."""
    for cue in sorted(cues, key=len, reverse=True):
        if before.endswith(cue):
            k = len(before) - len(cue)
            if k == 0 or not before[k - 1].isalnum() or not cue[0].isalnum():
                return cue
    return None


def _starts_with_cue(after: str, cues: tuple[str, ...]) -> str | None:
    for cue in sorted(cues, key=len, reverse=True):
        if after.startswith(cue):
            k = len(cue)
            if k == len(after) or not after[k].isalnum() or not cue[-1].isalnum():
                return cue
    return None


def _valid(y: int | None, m: int, d: int | None) -> bool:
    try:
        dt.date(y or 2000, m, d or 1)
    except ValueError:
        return False
    return True


def find_dates(text: str, lang: str) -> list[DateMention]:
    """Every date expression in ``text`` (non-overlapping, in text order), with its cues."""
    lex = _lex(lang)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for name, pat in lex.patterns:
        for m in pat.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            g = m.groupdict()
            mon_txt = g.get("mon")
            if mon_txt is not None:
                if lex.cap_months and not mon_txt[0].isupper():
                    continue
                month = lex.months.get(norm(mon_txt))
                if month is None:
                    continue
            mention = None
            y = int(g["y"]) if g.get("y") else None
            if name in ("range", "dmy", "mdy"):
                d = int(g["d"])
                mon_first = month
                if name == "range" and g.get("mon2"):
                    mon_first = lex.months.get(norm(g["mon2"]), month)
                if not _valid(y, mon_first, d):
                    continue
                prec = 1
                if name == "range":
                    d2 = int(g["d2"])
                    if not _valid(y, month, d2):
                        continue
                    span_days = (d2 - d) if mon_first == month else (d2 + 31 - d)
                    prec = 1 if span_days <= 1 else 2 if span_days <= 7 else 3
                wd = lex.weekdays.get(norm(g["wd"])) if g.get("wd") else None
                mention = DateMention(s, e, m.group(0), "abs", d, mon_first, y, wd, precision=prec, rule=name)
            elif name == "iso":
                mo, d = int(g["m"]), int(g["d"])
                if not _valid(y, mo, d):
                    continue
                mention = DateMention(s, e, m.group(0), "abs", d, mo, y, rule=name)
            elif name == "numeric":
                a, c = int(g["a"]), int(g["c"])
                if a > 12 and c <= 12:
                    d, mo = a, c
                elif c > 12 and a <= 12:
                    d, mo = c, a
                elif lex.numeric_order == "dmy":
                    d, mo = a, c
                elif lex.numeric_order == "mdy":
                    d, mo = c, a
                elif a == c:
                    d, mo = a, c
                else:
                    continue
                if not _valid(y, mo, d):
                    continue
                mention = DateMention(s, e, m.group(0), "abs", d, mo, y, rule=name)
            elif name == "month":
                if norm(mon_txt) in lex.short and not g.get("y"):
                    continue
                before = norm(text[max(0, s - 30) : s])
                if not g.get("y") and not _ends_with_cue(before, lex.month_before):
                    continue
                mention = DateMention(s, e, m.group(0), "month", None, month, y, precision=3, rule=name)
            elif name == "weekday":
                wd_txt = norm(g["wd"])
                if wd_txt in lex.short:
                    continue
                wd = lex.weekdays[wd_txt]
                before = norm(text[max(0, s - 12) : s])
                after = norm(text[e : e + 12])
                off = None
                if _ends_with_cue(before, lex.weekday_next) or _starts_with_cue(after, lex.weekday_next):
                    off = "next"
                elif _ends_with_cue(before, lex.weekday_last) or _starts_with_cue(after, lex.weekday_last):
                    off = "last"
                mention = DateMention(s, e, m.group(0), "weekday", weekday=wd, offset=off, rule=name)
            else:
                rel = norm(g["rel"])
                if name == "rel_day":
                    mention = DateMention(s, e, m.group(0), name, offset=lex.rel_days[rel], rule=name)
                elif name == "rel_week":
                    off = lex.rel_weeks[rel]
                    mention = DateMention(s, e, m.group(0), name, offset=off, precision=2, rule=name)
                else:
                    mention = DateMention(s, e, m.group(0), name, offset=lex.rel_months[rel], precision=3, rule=name)
            if mention is None:
                continue
            if mention.text.endswith(".") and norm(mention.text[:-1].split()[-1]) not in lex.short:
                mention.end -= 1  # the sentence's full stop, not an abbreviation's
                mention.text = mention.text[:-1]
                e -= 1
            _apply_cues(text, mention, lex)
            found.append(mention)
            taken.append((s, e))
    found.sort(key=lambda x: x.start)
    return found


@functools.lru_cache(maxsize=16)
def find_dates_cached(text: str, lang: str) -> tuple[DateMention, ...]:
    """:func:`find_dates`, computed once per text (dates and fatalities ask for every event of a
    document); the mentions are shared, read them only."""
    return tuple(find_dates(text, lang))


def _apply_cues(text: str, m: DateMention, lex: _Lex) -> None:
    before = norm(text[max(0, m.start - 40) : m.start])
    after = norm(text[m.end : m.end + 25])
    if _ends_with_cue(before, lex.ignore_before) or _starts_with_cue(after, lex.ignore_after):
        m.ignored = True
        return
    if m.kind == "abs" and m.precision == 1:
        if _ends_with_cue(before, lex.week_before) or _starts_with_cue(after, lex.week_after):
            m.precision = 2
            m.rule += "+week_cue"


# --------------------------------------------------------------------------- resolving


def _parse_published(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _year_hint(mentions: list[DateMention], text: str) -> int | None:
    years = [m.year for m in mentions if m.year and not m.ignored]
    if years:
        return max(years)  # news is about the latest year it names; older ones are background
    found = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)]
    return max(found) if found else None


def _resolve(m: DateMention, pub: dt.date | None, year_hint: int | None) -> tuple[dt.date, int] | None:
    if m.kind in ("abs", "month"):
        year = m.year
        if year is None:
            if pub is not None:
                year = pub.year
                cand = dt.date(year, m.month, min(m.day or 1, 28 if m.month == 2 else m.day or 1))
                if (cand - pub).days > 7:
                    year -= 1
            elif year_hint is not None:
                year = year_hint
            else:
                return None
        try:
            return dt.date(year, m.month, m.day or 1), m.precision
        except ValueError:
            return None
    if pub is None:
        return None
    if m.kind == "weekday":
        back = (pub.weekday() - m.weekday) % 7
        if m.offset == "next":
            return None
        if m.offset == "last" and back == 0:
            back = 7  # "last Monday" said on a Monday
        return pub - dt.timedelta(days=back), 1
    if m.kind == "rel_day":
        return pub + dt.timedelta(days=int(m.offset)), 1
    if m.kind == "rel_week":
        if m.offset == "weekend":
            back = (pub.weekday() - 5) % 7
            return pub - dt.timedelta(days=back), 2
        return pub + dt.timedelta(days=int(m.offset)), 2
    if m.kind == "rel_month":
        mo = pub.month + int(m.offset)
        y = pub.year + (mo - 1) // 12
        mo = (mo - 1) % 12 + 1
        return dt.date(y, mo, 1), 3
    return None


_SENT = re.compile(r"(?<=[.!?])[\"'»”)\]]*\s+(?=[\"'«“(\[]*[A-ZÀ-ÖØ-Þ0-9])|\n\s*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence boundaries (enough to rank dates and numbers by closeness)."""
    spans, start = [], 0
    for m in _SENT.finditer(text):
        # do not split after abbreviations or initials: "Dr.", "U.S.", "St."
        prev = text[max(0, m.start() - 4) : m.start()]
        if re.search(r"(?:\b[A-Z]|\b(?:Dr|Mr|Mrs|St|Gen|Col|Lt|No|Vs|vs|approx|av|env))\.$", prev):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


@functools.lru_cache(maxsize=16)
def sentence_spans_cached(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentence_spans`, computed once per text."""
    return tuple(sentence_spans(text))


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= pos < e or (pos == e and i == len(spans) - 1):
            return i
    return len(spans) - 1


def resolve_date(text: str, anchor: tuple[int, int] | None, published: str | None, lang: str) -> DateResult | None:
    """The date of the event whose sentence or trigger is ``anchor`` (None: the text's main event).

    Preference: the date expression closest to the anchor in its sentence, then one in the
    sentences before it (nearest first), then the lead sentence, then any later one. Absolute
    dates need a year (from the text, or the publication date); relative ones need ``published``.
    """
    if not text:
        return None
    pub = _parse_published(published)
    mentions = find_dates_cached(text, lang)
    if not mentions:
        return None
    hint = _year_hint(mentions, text)
    usable = [m for m in mentions if not m.ignored]
    if not usable:
        return None
    if pub is None:
        # a dateline ("BAMAKO, 12 mai 2020 (AFP) -") stands in for the publication date
        for m in usable:
            if _is_dateline(m, text) and m.year and m.day:
                pub = dt.date(m.year, m.month, m.day)
                break
    spans = sentence_spans_cached(text)
    if anchor is not None:
        a_s, a_e = anchor
        a_sent = _sentence_of(spans, a_s)

        def key(m: DateMention):
            if len(usable) > 1 and _is_dateline(m, text):
                return (3, 0)  # the stamp of the report, not the day of the event
            sent = _sentence_of(spans, m.start)
            if sent == a_sent:
                dist = 0 if m.start < a_e and m.end > a_s else min(abs(m.start - a_e), abs(a_s - m.end))
                return (0, dist)
            if sent < a_sent:
                return (1, a_sent - sent)
            return (2, sent - a_sent)

        ordered = sorted(usable, key=key)
    else:
        ordered = _dateline_last(usable, text, pub)
    stale = None
    for m in ordered:
        r = _resolve(m, pub, hint)
        if r is None:
            continue
        day, prec = r
        if pub is not None and (day - pub).days > 7:
            continue  # a plan, not an event that happened
        res = DateResult(day.isoformat(), prec, m.start, m.end, text[m.start : m.end], m.rule or m.kind)
        if pub is not None and (pub - day).days > STALE_DAYS:
            stale = stale or res  # background ("founded on 3 March 2015"): only if nothing recent
            continue
        return res
    return stale


STALE_DAYS = 90  # a date this long before publication is background when a recent one exists


def _dateline_last(mentions: list[DateMention], text: str, pub: dt.date | None) -> list[DateMention]:
    """Text order, but a dateline stamp at the very top ("PARIS, 3 May 2020 (AFP) -") goes last."""
    first, rest = [], []
    for m in mentions:
        (rest if _is_dateline(m, text) and len(mentions) > 1 else first).append(m)
    return first + rest


def _is_dateline(m: DateMention, text: str) -> bool:
    after = text[m.end : m.end + 16]
    line_start = text.rfind("\n", 0, m.start) + 1  # a dateline opens the text or a paragraph near the top
    return (
        m.start - line_start < 60
        and line_start < 400
        and m.kind == "abs"
        and bool(re.match(r"\s*(?:\([\w ]+\)\s*)?[-–—|:]", after))
    )
