"""How fast is ``veille extract`` on a laptop, next to the bare spaCy pipelines it runs on?

    python benchmarks/speed.py                       # default input: benchmarks/data/{notes,articles}.jsonl
    python benchmarks/speed.py --notes N.jsonl --articles A.jsonl --limit 300 --workers 1 2
    python benchmarks/speed.py --repeat 3            # each figure the median of 3 runs (shared machines)
    python benchmarks/speed.py --write-data          # regenerate the default input (speed_texts.py)

For each input set (short event notes, ~600-word articles) and each number of workers, three
subprocesses run one after the other, each watched for peak RSS (VmHWM of every process of its
tree, read from /proc while it runs; "workers" is the largest child process):

- ``veille extract --input-format jsonl --workers N`` (the CLI, as a user runs it): time to the
  first event line on stdout and end-to-end wall time (Python start, imports, model and
  gazetteer loading, reading, extraction, writing).
- the same documents through ``Pipeline(workers=N).run`` in a fresh process (``--_run veille``),
  timestamping every result: steady throughput = documents after the first result / time from the
  first result to the last (excludes start-up and model loading, which the end-to-end column has).
- the reference (``--_run spacy``): the same cleaned texts through ``nlp.pipe`` of the same spaCy
  models as installed (all components, no veille sentence splitter), ``n_process=N``, one language
  after the other, timed the same way.

"time / spaCy" is veille's steady time divided by the reference's on the same texts. "load" is the
1-minute load average just before each run (other processes sharing the cores slow it down). Figures
depend on the machine and its load: run twice and compare before trusting a difference.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
DEFAULT_NOTES = DATA / "notes.jsonl"
DEFAULT_ARTICLES = DATA / "articles.jsonl"


# ---------------------------------------------------------------- default input
def write_data(n_notes: int = 400, n_articles: int = 200) -> None:
    sys.path.insert(0, str(HERE))
    from speed_texts import make_articles, make_notes

    DATA.mkdir(exist_ok=True)
    for path, docs in ((DEFAULT_NOTES, make_notes(n_notes)), (DEFAULT_ARTICLES, make_articles(n_articles))):
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        print(f"wrote {len(docs)} documents to {path}", file=sys.stderr)


# ---------------------------------------------------------------- peak RSS of a process tree
def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeWatch(threading.Thread):
    """Polls VmHWM (peak resident set) of ``pid`` and all its descendants until stopped."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.root, self.every, self.peak = pid, every, {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            todo = [self.root]
            while todo:
                pid = todo.pop()
                self.peak[pid] = max(self.peak.get(pid, 0), _hwm_kb(pid))
                todo += _children(pid)
            time.sleep(self.every)

    def stop(self) -> tuple[float, float]:
        """(peak MB of the main process, peak MB of the largest child process or 0)."""
        self.done.set()
        self.join()
        main = self.peak.get(self.root, 0) / 1024
        kids = [v for p, v in self.peak.items() if p != self.root]
        return main, max(kids, default=0) / 1024


def _watched(cmd: list[str]) -> tuple[list[tuple[float, str]], float, float, float, int]:
    """Run ``cmd``; (timestamped stdout lines, wall s, main MB, child MB, rc)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    watch = TreeWatch(proc.pid)
    watch.start()
    err: list[str] = []
    drain = threading.Thread(target=lambda: err.extend(proc.stderr), daemon=True)
    drain.start()
    lines = [(time.perf_counter() - t0, line) for line in proc.stdout]
    rc = proc.wait()
    wall = time.perf_counter() - t0
    main, child = watch.stop()
    drain.join()
    if rc:
        print(f"speed: {' '.join(cmd[:6])}... exited {rc}: {''.join(err)[-500:]}", file=sys.stderr)
    return lines, wall, main, child, rc


# ---------------------------------------------------------------- in-process runners (subprocesses)
def _read(path: str):
    from veille.model import ReadError
    from veille.read import iter_documents

    return [a for a in iter_documents([path], input_format="jsonl") if not isinstance(a, ReadError)]


def _report(stamps: list[float], t_start: float, n: int, events: int) -> None:
    first = stamps[0] if stamps else 0.0
    n0 = sum(1 for s in stamps if s <= first + 0.01)
    steady = (n - n0) / (stamps[-1] - first) if n > n0 and stamps[-1] > first else float("nan")
    print(json.dumps({"docs": n, "events": events, "first": first - t_start, "steady": steady}), flush=True)


def run_veille(path: str, workers: int) -> None:
    from veille.pipeline import DocResult, Pipeline

    articles = _read(path)
    t_start, stamps, events = time.perf_counter(), [], 0
    for r in Pipeline(workers=workers).run(articles):
        events += len(r.events) if isinstance(r, DocResult) else 0
        stamps.append(time.perf_counter())
    _report(stamps, t_start, len(articles), events)


def run_spacy(path: str, workers: int) -> None:
    import spacy

    from veille.nlp import model_table

    articles = _read(path)
    langs = sorted({a.lang for a in articles})
    models = {lang: spacy.load(model_table()[lang]["model"]) for lang in langs}  # loaded before the clock starts
    t_start, stamps = time.perf_counter(), []
    for lang in langs:
        nlp = models[lang]
        texts = [a.text for a in articles if a.lang == lang]
        kwargs = {"n_process": workers} if workers > 1 else {}
        for _ in nlp.pipe(texts, batch_size=64, **kwargs):
            stamps.append(time.perf_counter())
    _report(stamps, t_start, len(articles), 0)


# ---------------------------------------------------------------- the table
def _words(path: str, limit: int, out: Path) -> tuple[int, int]:
    """Copy the first ``limit`` lines of ``path`` to ``out``; (documents, words)."""
    docs = words = 0
    with open(path, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
        for line in f:
            if docs >= limit:
                break
            if line.strip():
                g.write(line)
                docs += 1
                words += len(str(json.loads(line).get("text") or "").split())
    return docs, words


def _median_rows(runs: list[list[dict]]) -> list[dict]:
    """One row per pipeline: the median of every timing over the runs, the peak of every RSS."""
    out = []
    for rows in zip(*runs, strict=True):
        row = dict(rows[0])
        for col in ("docs/s", "words/s", "e2e docs/s", "first event s", "time / spaCy", "load"):
            vals = [r[col] for r in rows if isinstance(r.get(col), float) and r[col] == r[col]]
            row[col] = statistics.median(vals) if vals else float("nan")
        for col in ("RSS main MB", "RSS worker MB"):
            row[col] = max(r[col] for r in rows)
        out.append(row)
    return out


def measure(name: str, path: str, limit: int, workers: int, tmp: Path, repeat: int = 1) -> list[dict]:
    """Rows for veille and the spaCy reference; with ``repeat`` > 1, each run that many times
    (alternating veille and spaCy, so both see the same load) and the median reported."""
    return _median_rows([_measure_once(name, path, limit, workers, tmp) for _ in range(max(1, repeat))])


def _measure_once(name: str, path: str, limit: int, workers: int, tmp: Path) -> list[dict]:
    src = tmp / f"{name}.jsonl"
    n, words = _words(path, limit, src)
    me = [sys.executable, str(Path(__file__).resolve())]
    rows = []
    cli = [sys.executable, "-m", "veille.cli", "extract", "--input-format", "jsonl", "--workers", str(workers)]
    load = os.getloadavg()[0]
    lines, wall, main, child, _ = _watched([*cli, str(src)])
    out, _, _, _, _ = _watched([*me, "--_run", "veille", "--_input", str(src), "--workers", str(workers)])
    stats = json.loads(out[-1][1]) if out else {"steady": float("nan"), "events": 0}
    rows.append(
        {
            "set": name,
            "pipeline": "veille extract",
            "workers": workers,
            "docs": n,
            "docs/s": stats["steady"],
            "words/s": stats["steady"] * words / n,
            "e2e docs/s": n / wall,
            "first event s": lines[0][0] if lines else float("nan"),
            "events": len(lines),
            "RSS main MB": main,
            "RSS worker MB": child,
            "load": load,
        }
    )
    load = os.getloadavg()[0]
    out, wall, main, child, _ = _watched([*me, "--_run", "spacy", "--_input", str(src), "--workers", str(workers)])
    ref = json.loads(out[-1][1]) if out else {"steady": float("nan"), "first": float("nan")}
    rows.append(
        {
            "set": name,
            "pipeline": "spaCy nlp.pipe",
            "workers": workers,
            "docs": n,
            "docs/s": ref["steady"],
            "words/s": ref["steady"] * words / n,
            "e2e docs/s": n / wall,
            "first event s": float("nan"),
            "events": None,
            "RSS main MB": main,
            "RSS worker MB": child,
            "load": load,
        }
    )
    rows[0]["time / spaCy"] = ref["steady"] / stats["steady"] if stats["steady"] else float("nan")
    return rows


COLUMNS = [
    "set",
    "pipeline",
    "workers",
    "docs",
    "docs/s",
    "words/s",
    "e2e docs/s",
    "first event s",
    "time / spaCy",
    "RSS main MB",
    "RSS worker MB",
    "load",
]


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "–"
    if isinstance(v, float):
        if v == 0:
            return "–"
        return f"{v:,.0f}" if v >= 100 else f"{v:.2f}" if v < 10 else f"{v:.1f}"
    return str(v)


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_cell(r.get(c)) for c in COLUMNS) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--notes", default=str(DEFAULT_NOTES), help="JSONL of short event notes")
    p.add_argument("--articles", default=str(DEFAULT_ARTICLES), help="JSONL of full news articles")
    p.add_argument("--limit", type=int, default=200, help="documents per set (first lines of each file)")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the median is reported")
    p.add_argument("--write-data", action="store_true", help="regenerate the default input and exit")
    p.add_argument("--_run", choices=["veille", "spacy"], help=argparse.SUPPRESS)
    p.add_argument("--_input", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args._run:
        (run_veille if args._run == "veille" else run_spacy)(args._input, args.workers[0])
        return 0
    if args.write_data:
        write_data()
        return 0
    if not (Path(args.notes).exists() and Path(args.articles).exists()):
        write_data()
    import tempfile

    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in (("notes", args.notes), ("articles", args.articles)):
            for w in args.workers:
                rows += measure(name, path, args.limit, w, Path(tmp), args.repeat)
                print(f"speed: {name}, {w} worker(s) done", file=sys.stderr, flush=True)
    print(
        f"cores: {os.cpu_count()}, runs per figure: {max(1, args.repeat)} (median), load average now: {os.getloadavg()[0]:.2f}"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
