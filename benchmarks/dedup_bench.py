"""Cross-article dedup quality: pairwise merge precision and recall on the multi-article corpus.

    python benchmarks/dedup_bench.py                    # all three event sources
    python benchmarks/dedup_bench.py --extractor oracle # hand-coded events: dedup logic alone
    python benchmarks/dedup_bench.py --extractor noisy  # hand-coded events with extractor-like errors
    python benchmarks/dedup_bench.py --extractor pipeline
    python benchmarks/dedup_bench.py --synthetic 2000   # + store throughput on generated mentions
    python benchmarks/dedup_bench.py --corpus heldout   # the second corpus (pipeline only: no hand-coded events)
    python benchmarks/dedup_bench.py --show-errors      # list the article pairs merged or split wrongly

Each article's main event (first mention) is assigned to a canonical event by ingesting the
corpus into a fresh database; two articles are "merged" when their main events share a canonical
event. Against the gold clusters (``tests/fixtures/multi_article/gold.jsonl``): precision is the
share of merged pairs that report the same event, recall the share of same-event pairs merged.
An article without a predicted event is a singleton; one with no gold event is its own cluster.

``--corpus heldout`` (``tests/fixtures/multi_article_heldout/``) is a second corpus written after
the dedup rules were tuned on the first; it has no hand-coded events, so only the pipeline runs.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "multi_article"
sys.path.insert(0, str(FIXTURES))

import oracle  # noqa: E402

from veille.store import Store  # noqa: E402

CORPORA = {"main": None, "heldout": oracle.HELDOUT}


def pairwise(gold: dict[str, str | None], pred: dict[str, str | None]) -> dict:
    """Pairwise precision/recall/F1 of a predicted clustering against gold (None = own cluster)."""
    docs = sorted(gold)
    g = {d: gold[d] or f"gold-none:{d}" for d in docs}
    p = {d: pred.get(d) or f"pred-none:{d}" for d in docs}
    tp = fp = fn = 0
    errors = []
    for a, b in itertools.combinations(docs, 2):
        same_g, same_p = g[a] == g[b], p[a] == p[b]
        tp += same_g and same_p
        fp += same_p and not same_g
        fn += same_g and not same_p
        if same_g != same_p:
            errors.append(("fn" if same_g else "fp", a, b))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn, "errors": errors}


class NoisyOracle(oracle.OraclePipeline):
    """Hand-coded events with extractor-like errors: dates off by a day, places only at country or
    region level, missing actors, another sub-event type. Deterministic (seeded per document)."""

    def __init__(self, salt: int = 0):
        super().__init__()
        self.salt = salt

    def run(self, articles):
        import random
        from datetime import date, timedelta

        for result in super().run(articles):
            rng = random.Random(f"{self.salt}:{result.article.doc_id}")
            for e in result.events:
                if e.event_date and rng.random() < 0.3:
                    e.event_date = (date.fromisoformat(e.event_date) + timedelta(days=rng.choice([-1, 1]))).isoformat()
                if rng.random() < 0.2:
                    e.location, e.geonameid, e.geo_precision = e.admin1, None, 3
                    e.latitude, e.longitude = e.latitude + rng.uniform(-0.6, 0.6), e.longitude + rng.uniform(-0.6, 0.6)
                elif rng.random() < 0.1:
                    e.location, e.geonameid, e.geo_precision = e.country, None, 3
                if rng.random() < 0.2:
                    e.actor2 = e.assoc_actor_1 = None
                if rng.random() < 0.1 and e.event_type == "Battles":
                    e.event_type, e.sub_event_type = "Violence against civilians", "Attack"
            yield result


def run(extractor: str, salt: int = 0, corpus: Path | None = None) -> dict:
    articles = oracle.load_articles(corpus)
    if extractor == "oracle":
        pipeline = oracle.OraclePipeline()
    elif extractor == "noisy":
        pipeline = NoisyOracle(salt)
    else:
        from veille.pipeline import Pipeline

        pipeline = Pipeline()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        t0 = time.perf_counter()
        results = list(pipeline.run(articles))
        t1 = time.perf_counter()
        for result in results:
            if hasattr(result, "events"):
                store.add_document(result.article, result.events)
        t2 = time.perf_counter()
        pred = {m["doc_id"]: m["canonical_id"] for m in store.mentions() if m["ordinal"] == 0}
        records = {r["event_id"]: r for r in store.query()}
        counts = store.counts()
    scores = pairwise(oracle.load_gold(corpus), pred)
    scores.update(
        canonical_of={doc: records[cid] for doc, cid in pred.items() if cid in records},
        docs=len(articles),
        docs_with_event=len(pred),
        mentions=counts["mentions"],
        canonical=counts["canonical"],
        extract_s=t1 - t0,
        store_s=t2 - t1,
    )
    return scores


def canonical_fields(gold: dict[str, str | None], got: dict[str, dict], want: dict[str, dict]) -> dict[str, int]:
    """Per gold event, does the canonical event its first article went to have the hand-coded canonical
    event's toll, date and place (within 25 km)? ``got``/``want``: doc_id -> canonical record."""
    from veille.dedup import haversine_km

    out = {"events": 0, "fatalities": 0, "event_date": 0, "place_25km": 0}
    for label in sorted({g for g in gold.values() if g}):
        doc = next(d for d in gold if gold[d] == label)
        w, g = want.get(doc), got.get(doc)
        if w is None:
            continue
        out["events"] += 1
        if g is None:
            continue
        out["fatalities"] += g["fatalities"] == w["fatalities"]
        out["event_date"] += g["event_date"] == w["event_date"]
        if None not in (g["latitude"], g["longitude"], w["latitude"], w["longitude"]):
            out["place_25km"] += haversine_km(g["latitude"], g["longitude"], w["latitude"], w["longitude"]) <= 25
    return out


def synthetic(n_docs: int, seed: int = 0) -> dict[str, float]:
    """Generated mentions (events reported 1-4 times with jittered date, place, toll): speed and P/R at scale."""
    import random
    from datetime import date, timedelta

    from veille.model import Article, Event

    rng = random.Random(seed)
    countries = [
        ("MLI", "Mali", 12.0, 18.0, -8.0, 2.0),
        ("NGA", "Nigeria", 6.0, 12.0, 4.0, 12.0),
        ("SDN", "Sudan", 10.0, 16.0, 24.0, 34.0),
    ]
    types = [
        ("Battles", "Armed clash"),
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Violence against civilians", "Attack"),
    ]
    docs: list[tuple[Article, Event, str]] = []
    n_event = 0
    while len(docs) < n_docs:
        iso3, country, lat0, lat1, lon0, lon1 = rng.choice(countries)
        etype, sub = rng.choice(types)
        lat, lon = rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)
        day = rng.randrange(365)
        actor = f"Armed group {rng.randrange(40)}"
        label = f"S{n_event}"
        n_event += 1
        for k in range(rng.choice([1, 1, 2, 3, 4])):
            doc_id = f"{label}-{k}"
            d = day + rng.choice([0, 0, 0, 1, -1])
            event = Event(
                doc_id=doc_id,
                event_date=(date(2024, 1, 1) + timedelta(days=d)).isoformat(),
                time_precision=1,
                event_type=etype,
                sub_event_type=sub,
                actor1=actor,
                iso3=iso3,
                country=country,
                location=f"Town {lat:.2f}",
                latitude=lat + rng.uniform(-0.05, 0.05),
                longitude=lon + rng.uniform(-0.05, 0.05),
                geo_precision=1,
                fatalities=rng.randrange(0, 20),
                confidence=0.8,
            )
            docs.append((Article(doc_id=doc_id, text=f"{label} {k}", lang="en"), event, label))
    gold = {a.doc_id: label for a, _, label in docs}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "synthetic.duckdb") as store:
        t0 = time.perf_counter()
        for article, event, _ in docs:
            store.add_document(article, [event])
        elapsed = time.perf_counter() - t0
        pred = {m["doc_id"]: m["canonical_id"] for m in store.mentions()}
        counts = store.counts()
    scores = pairwise(gold, pred)
    scores.update(docs=len(docs), events=n_event, canonical=counts["canonical"], seconds=elapsed)
    return scores


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extractor", choices=["oracle", "noisy", "pipeline", "all"], default="all")
    ap.add_argument("--noise-runs", type=int, default=5, help="noisy: number of seeds (mean and worst reported)")
    ap.add_argument("--synthetic", type=int, default=0, metavar="N", help="also ingest N generated documents")
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="main", help="which multi-article corpus")
    ap.add_argument("--show-errors", action="store_true", help="print the wrongly merged / split article pairs")
    args = ap.parse_args()
    corpus = CORPORA[args.corpus]
    kinds = ["oracle", "noisy", "pipeline"] if args.extractor == "all" else [args.extractor]
    if corpus is not None and not (corpus / "events.jsonl").exists():
        kinds = [k for k in kinds if k == "pipeline"]
    gold_events = {e for e in oracle.load_gold(corpus).values() if e}
    print(f"corpus {args.corpus}: {len(oracle.load_articles(corpus))} articles, {len(gold_events)} events")
    oracle_canonical: dict[str, dict] = {}
    for kind in kinds:
        if kind == "noisy":
            runs = [run("noisy", salt, corpus) for salt in range(args.noise_runs)]
            p = [r["precision"] for r in runs]
            r = [r["recall"] for r in runs]
            print(
                f"noisy     precision={sum(p) / len(p):.3f} (worst {min(p):.3f}) "
                f"recall={sum(r) / len(r):.3f} (worst {min(r):.3f}) over {len(runs)} seeds"
            )
            continue
        try:
            s = run(kind, corpus=corpus)
        except ImportError as exc:
            print(f"{kind:9s} unavailable: {exc}")
            continue
        print(
            f"{kind:9s} precision={s['precision']:.3f} recall={s['recall']:.3f} f1={s['f1']:.3f} "
            f"(tp={s['tp']} fp={s['fp']} fn={s['fn']}; {s['docs_with_event']}/{s['docs']} docs with an event, "
            f"{s['mentions']} mentions -> {s['canonical']} canonical; extract {s['extract_s']:.2f}s, "
            f"store+dedup {s['store_s']:.2f}s)"
        )
        if args.show_errors:
            for err, a, b in s["errors"]:
                print(f"  {err} {a} {b}")
        if kind == "oracle":
            oracle_canonical = s["canonical_of"]
        elif kind == "pipeline" and oracle_canonical:
            c = canonical_fields(oracle.load_gold(corpus), s["canonical_of"], oracle_canonical)
            print(
                f"          canonical fields as hand-coded, of {c['events']} events: fatalities {c['fatalities']}, "
                f"event_date {c['event_date']}, place within 25 km {c['place_25km']}"
            )
    if args.synthetic:
        s = synthetic(args.synthetic)
        print(
            f"synthetic precision={s['precision']:.3f} recall={s['recall']:.3f} f1={s['f1']:.3f} "
            f"({s['docs']} docs about {s['events']} events -> {s['canonical']} canonical; "
            f"store+dedup {s['seconds']:.1f}s = {s['docs'] / s['seconds']:.0f} docs/s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
