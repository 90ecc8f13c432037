"""Wires the stages; the only module that knows their order.

    Article ──annotate (spaCy, per language, nlp.pipe)──▶ Doc ──code──▶ Events

    >>> from veille.pipeline import Pipeline
    >>> for result in Pipeline().run(articles):
    ...     print(result.article.doc_id, [e.sub_event_type for e in result.events])

Documents stream in batches; each batch is grouped by language so each spaCy pipeline
sees long runs (``nlp.pipe``), and results come out in input order. With ``workers > 1``
batches go to a process pool (each worker loads its models once); output is identical.
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from veille.model import Article, Event, ReadError
from veille.nlp import get_nlp, supported_languages

BATCH_SIZE = 64
FIRST_BATCH = 8  # the first batches are smaller, so the first events come out soon after start


def has_candidate(text: str, lang: str) -> bool:
    """Cheap before expensive: does ``text`` match any trigger pattern of ``lang``?

    Mentions only come from ``TriggerLexicon.find`` run on each sentence with these same
    patterns; their only lookbehind is ``(?<!\\w)`` and a sentence never starts right after a
    word character, so a sentence match is also a match in the full text. A document without
    one has no mention, hence no event, and skips the spaCy pipeline altogether.
    """
    from veille.extractors.triggers import TriggerLexicon

    return any(rx.search(text) for _, rx, _ in TriggerLexicon.for_language(lang).triggers)


@dataclass(slots=True)
class DocResult:
    """What the pipeline made of one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    notice: str | None = None  # e.g. a language veille does not code


def _code_batch(batch: list[Article], prefilter: bool = True) -> list[DocResult | ReadError]:
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
        if prefilter:
            for i in idx:
                if not has_candidate(batch[i].text, lang):
                    results[i] = DocResult(batch[i])
            idx = [i for i in idx if results[i] is None]
            if not idx:
                continue
        nlp = get_nlp(lang)
        docs = nlp.pipe((batch[i].text for i in idx), batch_size=BATCH_SIZE)
        for i, doc in zip(idx, docs, strict=True):
            art = batch[i]
            try:
                results[i] = DocResult(art, coder.code(art, doc))
            except Exception as exc:  # one bad document never stops the batch
                results[i] = ReadError(art.doc_id, f"extraction failed: {type(exc).__name__}: {exc}")
    return results  # type: ignore[return-value]


def _batches(articles: Iterable[Article], size: int, first: int = FIRST_BATCH) -> Iterator[list[Article]]:
    """Batches of ``size`` articles; the first ones ramp up from ``first`` (8, 16, 32, ...)."""
    it = iter(articles)
    n = max(1, min(first, size))
    while batch := list(itertools.islice(it, n)):
        yield batch
        n = min(size, n * 2)


class Pipeline:
    """Extraction over a stream of articles, in one process or a pool of ``workers``."""

    def __init__(self, workers: int = 1, batch_size: int = BATCH_SIZE, prefilter: bool = True):
        self.workers = max(1, workers)
        self.batch_size = batch_size
        self.prefilter = prefilter

    def run(self, articles: Iterable[Article]) -> Iterator[DocResult | ReadError]:
        batches = _batches(articles, self.batch_size)
        code = functools.partial(_code_batch, prefilter=self.prefilter)
        if self.workers == 1:
            for batch in batches:
                yield from self._report(code(batch))
            return
        if sys.platform == "win32":
            ctx = multiprocessing.get_context("spawn")
        else:
            ctx = multiprocessing.get_context("forkserver")
            # workers fork from a server that has imported spaCy and veille (not loaded models:
            # each worker loads the pipelines of the languages it meets, once)
            ctx.set_forkserver_preload(["veille.pipeline", "veille.extractors.events"])
        # imap keeps input order, so the output is the same as with one worker
        with ctx.Pool(self.workers) as pool:
            for results in pool.imap(code, batches):
                yield from self._report(results)

    @staticmethod
    def _report(results: list[DocResult | ReadError]) -> Iterator[DocResult | ReadError]:
        for r in results:
            if isinstance(r, DocResult) and r.notice:
                print(f"veille: notice: {r.article.doc_id}: {r.notice}; no events", file=sys.stderr)
            yield r


def extract_text(text: str, published: str | None = None, lang: str | None = None) -> list[Event]:
    """Code one text (the engine behind :func:`veille.extract`)."""
    from veille.clean.lang import detect_language

    art = Article(doc_id="text", text=text, published=published, lang=lang or detect_language(text))
    result = _code_batch([art])[0]
    if isinstance(result, ReadError):
        raise RuntimeError(result.message)
    return result.events
