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

import itertools
import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from veille.model import Article, Event, ReadError
from veille.nlp import get_nlp, supported_languages

BATCH_SIZE = 64


@dataclass(slots=True)
class DocResult:
    """What the pipeline made of one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    notice: str | None = None  # e.g. a language veille does not code


def _code_batch(batch: list[Article]) -> list[DocResult | ReadError]:
    from veille.extract.events import EventCoder

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
        nlp = get_nlp(lang)
        docs = nlp.pipe((batch[i].text for i in idx), batch_size=BATCH_SIZE)
        for i, doc in zip(idx, docs, strict=True):
            art = batch[i]
            try:
                results[i] = DocResult(art, coder.code(art, doc))
            except Exception as exc:  # one bad document never stops the batch
                results[i] = ReadError(art.doc_id, f"extraction failed: {type(exc).__name__}: {exc}")
    return results  # type: ignore[return-value]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while batch := list(itertools.islice(it, size)):
        yield batch


class Pipeline:
    """Extraction over a stream of articles, in one process or a pool of ``workers``."""

    def __init__(self, workers: int = 1, batch_size: int = BATCH_SIZE):
        self.workers = max(1, workers)
        self.batch_size = batch_size

    def run(self, articles: Iterable[Article]) -> Iterator[DocResult | ReadError]:
        batches = _batches(articles, self.batch_size)
        if self.workers == 1:
            for batch in batches:
                yield from self._report(_code_batch(batch))
            return
        ctx = multiprocessing.get_context("spawn" if sys.platform == "win32" else "forkserver")
        with ctx.Pool(self.workers) as pool:
            for results in pool.imap(_code_batch, batches):
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
