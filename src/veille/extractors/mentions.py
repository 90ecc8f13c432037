"""Event mentions: the triggers of a document that report an event that happened.

A mention is a trigger that passed the modality and non-event gates, typed with the
codebook's precedence and refinements (``resources/common/coding.yaml``).

    >>> from veille.nlp import get_nlp
    >>> doc = get_nlp("en")("On 3 May, police dispersed protesters with tear gas in Accra.")
    >>> [m.sub_event_type for m in find_mentions(doc, "en")]
    ['Protest with intervention']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from veille.extractors.modality import ModalityGate
from veille.extractors.triggers import TriggerLexicon, TriggerMatch, coding_rules, event_type_of
from veille.model import Evidence
from veille.nlp import doc_sentences, doc_text

CONTEXT_SENTENCES = 2  # sentences after the trigger's own that "context" cues may reach
AFTER_CHARS = 80  # how far after a trigger "after" cues may start
NAME_LABELS = frozenset({"ORG"})  # entities whose words name something ("Awami League" is no sport)


@dataclass(slots=True)
class Mention:
    """One trigger that reports an event: its type, where it is, and why."""

    trigger: TriggerMatch
    sub_event_type: str
    sentence: tuple[int, int]
    sentence_index: int
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def event_type(self) -> str:
        return event_type_of()[self.sub_event_type]

    @property
    def priority(self) -> int:
        return coding_rules()["priority"].get(self.sub_event_type, 0)

    @property
    def span(self) -> tuple[int, int]:
        return self.trigger.start, self.trigger.end


def _morph_at(doc: Doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    head = span.root
    parts = [str(head.morph)] + [str(c.morph) for c in head.children if c.dep_.startswith("aux")]
    return "|".join(parts)


def _refine(
    mention: Mention, text: str, sentences: list[tuple[int, int]], lex: TriggerLexicon, gate: ModalityGate
) -> None:
    """Apply the coding rules' refinements (e.g. a protest with tear gas is a protest with intervention)."""
    s_start, s_end = mention.sentence
    i = mention.sentence_index
    ctx_end = sentences[min(len(sentences) - 1, i + CONTEXT_SENTENCES)][1]
    scopes = {
        "after": (mention.trigger.end, min(s_end, mention.trigger.end + AFTER_CHARS), True),
        "sentence": (s_start, s_end, False),
        "context": (s_start, ctx_end, False),
    }
    for rule in coding_rules()["refine"]:
        if mention.sub_event_type not in rule["from"]:
            continue
        a, b, anchored = scopes[rule["scope"]]
        hit = lex.cue(rule["cue"], text[a:b], anchored=anchored)
        if not hit:
            continue
        if rule.get("unless_cue") and lex.cue(rule["unless_cue"], text[a:b], anchored=anchored):
            continue
        offset = a + (len(text[a:b]) - len(text[a:b].lstrip(" ,;:")) if anchored else 0)
        if not anchored and gate.check(
            text[s_start : offset + hit.end()], offset + hit.start() - s_start, offset + hit.end() - s_start
        ):
            continue  # the cue itself is background or hypothetical ("since the riot of March")
        mention.evidence.append(
            Evidence("sub_event_type", offset + hit.start(), offset + hit.end(), hit.group(), f"refine:{rule['cue']}")
        )
        mention.sub_event_type = rule["to"]


def find_mentions(doc: Doc, lang: str) -> list[Mention]:
    """The event mentions of ``doc``, in text order (vetoed triggers are left out)."""
    # a doc parsed from a masked text: triggers are only in its unmasked sentences (the parse
    # covers them), cues of the context may be in any sentence of the unmasked text
    parsed, text = doc.text, doc_text(doc)
    lex = TriggerLexicon.for_language(lang)
    gate = ModalityGate.for_language(lang)
    sentences = doc_sentences(doc)
    mentions: list[Mention] = []
    name_spans = [(x.start_char, x.end_char) for x in doc.ents if x.label_ in NAME_LABELS]
    for i, (s, e) in enumerate(sentences):
        sent = parsed[s:e]
        if sent.isspace():
            continue
        triggers = lex.find(sent, offset=s)
        if not triggers:
            continue
        names = [(a - s, b - s) for a, b in name_spans if s <= a < e]
        cues = gate.vetoes(sent, names)
        for t in triggers:
            if cues and gate.vetoed(cues, t.event_type):
                continue
            if gate.check(sent, t.start - s, t.end - s, _morph_at(doc, t.start, t.end)):
                continue
            m = Mention(t, t.sub_event_type, (s, e), i, [Evidence("sub_event_type", t.start, t.end, t.text, t.rule)])
            _refine(m, text, sentences, lex, gate)
            mentions.append(m)
    return mentions


def main_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Group mentions by sentence, keeping text order; within a sentence the highest priority first."""
    groups: dict[int, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.sentence_index, []).append(m)
    return [sorted(g, key=lambda m: (-m.priority, m.trigger.start)) for _, g in sorted(groups.items())]
