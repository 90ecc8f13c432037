"""Wires the stages; the only module that knows their order.

    Article ──annotate (spaCy, per language, nlp.pipe)──▶ Doc ──code──▶ Events

    >>> from veille.pipeline import Pipeline
    >>> for result in Pipeline().run(articles):
    ...     print(result.article.doc_id, [e.sub_event_type for e in result.events])

Documents stream in batches; each batch is grouped by language so each spaCy pipeline
sees long runs (``nlp.pipe``), and results come out in input order. With ``workers > 1``
batches go to a process pool whose workers fork from a server that has loaded the models and
the gazetteer once (:mod:`veille.preload`); output is identical.

Cheap before expensive (:func:`plan_parse`): a document in which no sentence has a trigger
skips spaCy; in the others, only the headline, the lead, the trigger sentences, their
neighbours and the sentences naming actors are parsed, the rest blanked (same length, same
offsets). Extractors that read the text itself (dates, fatalities, cues, geographic context)
read the whole text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import multiprocessing
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from veille.geo.similar import SimilarReports, fill_country
from veille.model import Article, Event, ReadError
from veille.nlp import TEXT_SENTENCES, UNMASKED_TEXT, get_nlp, sentence_spans, supported_languages

BATCH_SIZE = 64
FIRST_BATCH = 4  # the first batches are smaller, so the first events come out soon after start
POOL_BATCH = 16  # largest batch sent to a worker: small enough that workers finish close together
LEAD_SENTENCES = 2  # always parsed: the headline (or first sentence) and the lead
NEIGHBOURS = 1  # sentences parsed on each side of a sentence with a trigger


def has_candidate(text: str, lang: str) -> bool:
    """Cheap before expensive: does ``text`` match any trigger pattern of ``lang``?

    Mentions only come from ``TriggerLexicon.find`` run on each sentence with these same
    patterns; their only lookbehind is ``(?<!\\w)`` and a sentence never starts right after a
    word character, so a sentence match is also a match in the full text. A document without
    one has no mention, hence no event, and skips the spaCy pipeline altogether.
    """
    from veille.extractors.triggers import TriggerLexicon

    return any(rx.search(text) for _, rx, _ in TriggerLexicon.for_language(lang).triggers)


def trigger_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Every match of a trigger pattern of ``lang`` in the whole ``text`` (one scan per pattern)."""
    from veille.extractors.triggers import TriggerLexicon

    return [m.span() for _, rx, _ in TriggerLexicon.for_language(lang).triggers for m in rx.finditer(text)]


def _glued(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Sentences with no white space between them and a neighbour ('said."The'), by index."""
    out = set()
    for i, (s, e) in enumerate(spans):
        if s > 0 and not text[s - 1].isspace() and not text[s].isspace():
            out.add(i)
        if s < e < len(text) and not text[e - 1].isspace() and not text[e].isspace():
            out.add(i)
    return out


def trigger_sentences(text: str, lang: str, spans: list[tuple[int, int]], matches=None) -> list[int]:
    """Indices of the sentences ``spans`` of ``text`` in which ``TriggerLexicon.find`` finds a trigger.

    Exactly the sentences find_mentions can take a mention from, found cheaply: the patterns
    scan the whole text once (``matches``: :func:`trigger_spans`, if already known), and only
    the sentences a match touches (or that are glued to a neighbour, where a lookaround could
    see across) are checked with ``find`` as find_mentions runs it (ignore list included:
    "marché" is a market, not a march).
    """
    from veille.extractors.triggers import TriggerLexicon

    lex = TriggerLexicon.for_language(lang)
    starts = [s for s, _ in spans]
    todo = _glued(text, spans)
    for a, b in trigger_spans(text, lang) if matches is None else matches:
        first = bisect.bisect_right(starts, a) - 1
        last = bisect.bisect_right(starts, max(a, b - 1)) - 1
        todo.update(range(max(first, 0), last + 1))
    return [i for i in sorted(todo) if lex.find(text[spans[i][0] : spans[i][1]])]


def actor_sentences(tokens, lang: str, spans: list[tuple[int, int]]) -> set[int]:
    """Sentences naming an actor that any sentence of the article may refer back to.

    The actor coder looks at the whole article for named armed groups ("the militants" of one
    sentence are the JNIM named in another) and for the country of state forces ("Malian
    soldiers ... the soldiers"). The actor lexicon matches token texts only, so it runs here on
    the tokenized text: sentences with a named actor, a state force named with its country
    ("FAMa"), or a state-force word next to a country or demonym are kept for the parse.
    """
    from veille.extractors.actor_lexicon import ActorLexicon, common_data

    classes = common_data()["classes"]
    found = ActorLexicon.for_language(lang).match(tokens)
    starts = [s for s, _ in spans]
    out = set()
    for k, m in enumerate(found):
        if m.kind == "class" and not m.country and classes[m.key].get("state"):
            near = [o for o in found[max(0, k - 1) : k + 2] if o.kind == "country"]
            if not any(abs(o.start - m.end) <= 3 or abs(m.start - o.end) <= 3 for o in near):
                continue
        elif m.kind == "country" or (m.kind == "class" and not m.country):
            continue
        out.add(bisect.bisect_right(starts, tokens[m.start].idx) - 1)
    return out


_NOT_NEWLINE = re.compile(r"[^\n]+")


def plan_parse(text: str, lang: str, nlp, prefilter: bool = True, mask: bool = True) -> ParsePlan | None:
    """Cheap before expensive: what of ``text`` spaCy has to read (None: nothing, no event possible).

    Mentions only come from triggers ``TriggerLexicon.find`` finds in a sentence, so a document
    without such a sentence has no event and skips spaCy (``prefilter``). In the others
    (``mask``), sentences no extractor needs parsed are blanked: kept are the first
    ``LEAD_SENTENCES`` (headline, lead), the sentences with a trigger and their ``NEIGHBOURS``
    (actors of the previous and next sentence). A blanked sentence has its characters replaced
    by spaces, line breaks kept, so the text keeps its length and offsets: spaCy spends almost
    nothing on it, and every span it gives is a span of ``text``. Extractors that read the text
    itself (dates, fatalities, trigger cues, geographic context) read the unmasked text.

    Sentences are :func:`veille.nlp.sentence_spans` of ``text`` tokenized alone: the same as the
    full parse gives (the splitter runs before the parser, which keeps them).
    """
    if not (prefilter or mask):
        return ParsePlan(text)
    matches = trigger_spans(text, lang)
    if not matches:  # no pattern matches anywhere: no sentence to look at
        return None if prefilter else ParsePlan(text)
    tokens = nlp.tokenizer(text)
    spans = sentence_spans(tokens)
    hits = trigger_sentences(text, lang, spans, matches)
    if not hits:
        return None if prefilter else ParsePlan(text)
    if not mask:
        return ParsePlan(text)
    keep = [i < LEAD_SENTENCES for i in range(len(spans))]
    for i in hits:
        for j in range(max(0, i - NEIGHBOURS), min(len(spans), i + NEIGHBOURS + 1)):
            keep[j] = True
    for i in _glued(text, spans) | actor_sentences(tokens, lang, spans):
        keep[i] = True
    if all(keep):
        return ParsePlan(text)
    pieces, pos = [], 0
    for i, (s, e) in enumerate(spans):
        if not keep[i]:
            pieces += [text[pos:s], _NOT_NEWLINE.sub(lambda m: " " * len(m.group()), text[s:e])]
            pos = e
    pieces.append(text[pos:])
    return ParsePlan("".join(pieces), spans)


@dataclass(slots=True)
class ParsePlan:
    """The text spaCy reads for a document, and (when it is masked) the sentences of the full text."""

    text: str
    sentences: list[tuple[int, int]] | None = None  # set when ``text`` is masked


@dataclass(slots=True)
class DocResult:
    """What the pipeline made of one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    notice: str | None = None  # e.g. a language veille does not code


def _code_batch(batch: list[Article], prefilter: bool = True, mask: bool = True) -> list[DocResult | ReadError]:
    from veille.extractors.events import EventCoder

    coder = EventCoder()
    results: list[DocResult | ReadError | None] = [None] * len(batch)
    langs = supported_languages()
    by_lang: dict[str, list[int]] = {}
    for i, art in enumerate(batch):
        if art.lang in langs:
            by_lang.setdefault(art.lang, []).append(i)
        else:
            results[i] = DocResult(
                art, notice=f"language {art.lang!r} is not coded (coded: {', '.join(sorted(langs))})"
            )
    for lang, idx in by_lang.items():
        plans: dict[int, ParsePlan] = {}
        for i in idx:
            # get_nlp only for a document that may have an event (the tokenizer splits sentences)
            plan = plan_parse(batch[i].text, lang, _Lazy(lang), prefilter, mask)
            if plan is None:
                results[i] = DocResult(batch[i])
            else:
                plans[i] = plan
        if not plans:
            continue
        docs = get_nlp(lang).pipe((p.text for p in plans.values()), batch_size=BATCH_SIZE)
        for (i, plan), doc in zip(plans.items(), docs, strict=True):
            art = batch[i]
            if plan.sentences is not None:
                doc.user_data[UNMASKED_TEXT] = art.text
                doc.user_data[TEXT_SENTENCES] = plan.sentences
            try:
                results[i] = DocResult(art, coder.code(art, doc))
            except Exception as exc:  # one bad document never stops the batch
                results[i] = ReadError(art.doc_id, f"extraction failed: {type(exc).__name__}: {exc}")
    return results  # type: ignore[return-value]


PRELOAD_ENV = "VEILLE_PRELOAD"  # languages the worker pool's fork server loads before forking


def preload(langs: Iterable[str]) -> None:
    """Load, once, what coding documents of ``langs`` needs: spaCy pipelines, gazetteer, lexicons."""
    from veille.extractors.actor_lexicon import ActorLexicon
    from veille.extractors.modality import ModalityGate
    from veille.extractors.triggers import TriggerLexicon
    from veille.geo import get_gazetteer
    from veille.geo.gazetteer import country_points

    langs = [lang for lang in langs if lang in supported_languages()]
    for lang in langs:
        get_nlp(lang)
        TriggerLexicon.for_language(lang)
        ModalityGate.for_language(lang)
        ActorLexicon.for_language(lang)
    if langs:
        get_gazetteer()
        country_points()  # written beside the gazetteer for the parent process (veille.geo.similar)


class _Lazy:
    """The spaCy pipeline of a language, loaded when first used (``tokenizer``)."""

    def __init__(self, lang: str):
        self.lang = lang

    @property
    def tokenizer(self):
        return get_nlp(self.lang).tokenizer


def _batches(articles: Iterable[Article], size: int, first: int = FIRST_BATCH) -> Iterator[list[Article]]:
    """Batches of ``size`` articles; the first ones ramp up from ``first`` (8, 16, 32, ...)."""
    it = iter(articles)
    n = max(1, min(first, size))
    while batch := list(itertools.islice(it, n)):
        yield batch
        n = min(size, n * 2)


class Pipeline:
    """Extraction over a stream of articles, in one process or a pool of ``workers``."""

    def __init__(
        self,
        workers: int = 1,
        batch_size: int = BATCH_SIZE,
        prefilter: bool = True,
        mask: bool = True,
        similar_reports: bool = True,
    ):
        self.workers = max(1, workers)
        # the country of a report naming no known place, from similar placed reports of the run
        self.memory = SimilarReports() if similar_reports else None
        self.batch_size = batch_size
        self.prefilter = prefilter
        self.mask = mask

    def run(self, articles: Iterable[Article]) -> Iterator[DocResult | ReadError]:
        batches = _batches(articles, self.batch_size if self.workers == 1 else min(self.batch_size, POOL_BATCH))
        code = functools.partial(_code_batch, prefilter=self.prefilter, mask=self.mask)
        if self.workers == 1:
            for batch in batches:
                yield from self._report(code(batch))
            return
        first = next(batches, None)
        if first is None:
            return
        batches = itertools.chain([first], batches)
        if sys.platform == "win32":
            ctx = multiprocessing.get_context("spawn")
        else:
            ctx = multiprocessing.get_context("forkserver")
            # workers fork from a server that has loaded the spaCy pipelines of the first batch's
            # languages and the gazetteer (veille.preload): they start at once and share that
            # memory (copy-on-write); a language met later loads in each worker, once
            ctx.set_forkserver_preload(["veille.pipeline", "veille.extractors.events", "veille.preload"])
        langs = sorted({a.lang for a in first if a.lang in supported_languages()})
        before = os.environ.get(PRELOAD_ENV)
        os.environ[PRELOAD_ENV] = ",".join(langs)  # read by veille.preload in the server
        try:
            pool = ctx.Pool(self.workers)  # starts the server (if not running yet) and the workers
        finally:
            if before is None:
                os.environ.pop(PRELOAD_ENV, None)
            else:
                os.environ[PRELOAD_ENV] = before
        # imap keeps input order, so the output is the same as with one worker
        with pool:
            for results in pool.imap(code, batches):
                yield from self._report(results)

    def _report(self, results: list[DocResult | ReadError]) -> Iterator[DocResult | ReadError]:
        for r in results:
            if isinstance(r, DocResult):
                if r.notice:
                    print(f"veille: notice: {r.article.doc_id}: {r.notice}; no events", file=sys.stderr)
                elif self.memory is not None:
                    fill_country(r.events, r.article.text, r.article.lang or "", self.memory)
            yield r


def extract_text(text: str, published: str | None = None, lang: str | None = None) -> list[Event]:
    """Code one text (the engine behind :func:`veille.extract`)."""
    from veille.clean.lang import detect_language

    art = Article(doc_id="text", text=text, published=published, lang=lang or detect_language(text))
    result = _code_batch([art])[0]
    if isinstance(result, ReadError):
        raise RuntimeError(result.message)
    return result.events
