"""The pipeline: batching, the lexical prefilter, and a pool of workers giving the same output as one."""

from __future__ import annotations

import json

import pytest

from veille import pipeline
from veille.model import Article
from veille.pipeline import DocResult, Pipeline, _batches, has_candidate

TEXTS = [
    ("en", "On 3 May 2023, gunmen attacked a village near Gao, killing five civilians."),
    ("fr", "Le 4 mai 2023, des manifestants ont défilé à Bamako contre la vie chère."),
    ("en", "The central bank left its main rate unchanged on Tuesday as inflation eased."),
    ("fr", "Le ministre des Finances a présenté le budget de l'an prochain devant les députés."),
    ("en", "Police fired tear gas to disperse protesters in Nairobi on Monday. Ten people were injured."),
    ("fr", "Des soldats ont affronté des djihadistes près de Ménaka ; trois assaillants ont été tués."),
    ("en", "Farmers expect a record harvest this year thanks to good rains."),
    ("en", "A roadside bomb struck a military convoy near Maiduguri, killing four soldiers."),
    ("fr", "Une frappe aérienne a visé une base terroriste près de Diffa, faisant six morts."),
    ("de", "Die Polizei hat in Berlin eine Demonstration aufgelöst."),  # not coded: a notice, no events
    ("en", "On 9 June, rioters burned tyres and looted shops in Kharkiv after a young man died."),
    ("fr", "L'équipe nationale de football disputera deux matchs amicaux en juin."),
]


def _articles() -> list[Article]:
    return [
        Article(doc_id=f"doc-{i:02d}", text=text, lang=lang, published="2023-06-30")
        for i, (lang, text) in enumerate(TEXTS)
    ]


def _output(results) -> str:
    lines = []
    for r in results:
        assert isinstance(r, DocResult), r
        lines.append(r.article.doc_id)
        lines += [json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) for e in r.events]
    return "\n".join(lines)


def test_batches_ramp_up_and_keep_order():
    batches = list(_batches(range(100), 32, first=8))
    assert [len(b) for b in batches] == [8, 16, 32, 32, 12]
    assert [x for b in batches for x in b] == list(range(100))


def test_prefilter_matches_trigger_words_only():
    assert has_candidate("Gunmen attacked a village.", "en")
    assert has_candidate("Des manifestants ont défilé à Bamako.", "fr")
    assert not has_candidate("The central bank left its main rate unchanged.", "en")
    assert not has_candidate("Le ministre a présenté le budget.", "fr")


def test_documents_without_a_trigger_skip_spacy(monkeypatch):
    def no_spacy(lang):
        raise AssertionError("the spaCy pipeline must not run on a document without a trigger")

    monkeypatch.setattr(pipeline, "get_nlp", no_spacy)
    quiet = [a for a in _articles() if a.lang in ("en", "fr") and not has_candidate(a.text, a.lang)]
    assert quiet
    results = list(Pipeline().run(quiet))
    assert [r.article.doc_id for r in results] == [a.doc_id for a in quiet]
    assert all(isinstance(r, DocResult) and r.events == [] and r.notice is None for r in results)


@pytest.mark.slow
def test_prefilter_does_not_change_output():
    arts = _articles()
    assert _output(Pipeline(prefilter=False).run(arts)) == _output(Pipeline(prefilter=True).run(arts))


@pytest.mark.slow
def test_two_workers_give_the_same_output_as_one():
    arts = _articles()
    one = _output(Pipeline(workers=1, batch_size=4).run(arts))
    two = _output(Pipeline(workers=2, batch_size=4).run(arts))
    assert one == two
    assert one.splitlines()[0] == "doc-00" and '"sub_event_type"' in one  # events were coded, in input order


@pytest.mark.slow
def test_cli_extract_with_two_workers_is_byte_identical(tmp_path, capsys):
    from veille.cli import main

    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": a.doc_id, "text": a.text, "lang": a.lang}) + "\n" for a in _articles()),
        encoding="utf-8",
    )
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        assert main(["extract", "--input-format", "jsonl", "--workers", workers, "-o", str(out), str(src)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0]


# ---------------------------------------------------------------- sentence masking

QUIET = [
    "The finance minister told parliament that the deficit would narrow next year, helped by higher "
    "revenue from mining. Opposition deputies questioned the forecasts and asked for more spending on schools.",
    "The national football team will play two friendly matches in June. The coach has called up several "
    "young players, and tickets for the first match sold out within a day.",
    "Mobile money has spread rapidly over the past five years, allowing traders to pay suppliers without "
    "travelling to a bank. Operators say the number of accounts has tripled.",
    "Teachers' unions have been negotiating with the government for months over salaries. A spokesman for "
    "the education ministry said an agreement was close.",
]
DEEP_EVENT = "On Monday, gunmen attacked a market in Gao, killing four civilians, local officials said."


def _deep_article() -> Article:
    """The only event sentence sits deep in the text, after quiet paragraphs, with more after it."""
    paras = ["Regional leaders meet to discuss trade", QUIET[0], QUIET[1], DEEP_EVENT, QUIET[2], QUIET[3]]
    return Article(doc_id="deep", text="\n\n".join(paras), lang="en", published="2023-05-10")


def test_quiet_sentences_are_blanked_with_offsets_kept():
    from veille.nlp import get_nlp

    art = _deep_article()
    plan = pipeline.plan_parse(art.text, "en", get_nlp("en"))
    assert plan is not None and plan.sentences is not None
    masked = plan.text
    assert len(masked) == len(art.text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(art.text) if c == "\n"]
    # the event sentence and its neighbours are kept, character for character, at their offsets
    start = art.text.index(DEEP_EVENT)
    assert masked[start : start + len(DEEP_EVENT)] == DEEP_EVENT
    assert masked.startswith("Regional leaders meet")  # the headline is always kept
    # a quiet paragraph two sentences away from the event is blanked
    far = art.text.index(QUIET[3])
    assert masked[far : far + len(QUIET[3])].strip() == ""
    assert "sold out within a day" in masked  # the sentence right before the event is its neighbour
    assert "football" not in masked  # the one before that is not
    # the sentences are those of the whole text
    assert start in [s for s, _ in plan.sentences]


def test_a_deep_event_codes_the_same_with_and_without_masking():
    art = _deep_article()
    masked = _output(Pipeline(mask=True).run([art]))
    full = _output(Pipeline(mask=False).run([art]))
    assert masked == full
    (event,) = extract_events([art])
    assert (event.sub_event_type, event.event_date, event.location, event.fatalities) == (
        "Attack",
        "2023-05-08",
        "Gao",
        4,
    )
    for ev in event.evidence:  # evidence spans point into the original text
        assert ev.text == art.text[ev.start : ev.end]


def extract_events(arts):
    (result,) = list(Pipeline().run(arts))
    return result.events


def test_masking_does_not_change_output_on_the_sample_texts():
    arts = _articles() + [_deep_article()]
    assert _output(Pipeline(mask=False).run(arts)) == _output(Pipeline(mask=True).run(arts))


def test_a_document_whose_trigger_words_are_all_ignored_skips_spacy():
    from veille.nlp import get_nlp

    text = "Le prix du pain a encore augmenté sur le marché central.\n\nLes commerçants du marché s'inquiètent."
    assert has_candidate(text, "fr")  # "marché" matches a pattern of the whole text...
    assert pipeline.plan_parse(text, "fr", get_nlp("fr")) is None  # ...but it is on the ignore list
    assert pipeline.plan_parse(text, "fr", get_nlp("fr"), prefilter=False) is not None


def test_sentence_splitter_on_tokens_matches_the_pipeline():
    from veille.nlp import get_nlp, sentence_spans

    nlp = get_nlp("en")
    text = _deep_article().text + '\n\nMr. J. Smith said: "It is over." Then he left. U.S. troops stayed.'
    doc = nlp(text)
    assert sentence_spans(nlp.tokenizer(text)) == [(s.start_char, s.end_char) for s in doc.sents]


def test_a_sentence_naming_a_group_is_parsed_for_the_militants_of_a_later_one():
    paras = [
        "Regional leaders meet to discuss trade",
        QUIET[0],
        "Boko Haram has been active in the region for more than a decade.",
        QUIET[1],
        QUIET[2],
        "On Monday, militants attacked a market in Maiduguri, killing four civilians.",
        QUIET[3],
    ]
    art = Article(doc_id="named", text="\n\n".join(paras), lang="en", published="2023-05-10")
    from veille.nlp import get_nlp

    plan = pipeline.plan_parse(art.text, "en", get_nlp("en"))
    assert plan is not None and "Boko Haram has been active" in plan.text and "Mobile money" not in plan.text
    assert _output(Pipeline(mask=True).run([art])) == _output(Pipeline(mask=False).run([art]))
    (event,) = extract_events([art])
    assert event.actor1.startswith("Boko Haram")
