"""Imported by the fork server of ``Pipeline(workers=N)`` before it forks the workers.

Loads the spaCy pipelines of the languages named in ``$VEILLE_PRELOAD`` (set by the pipeline
from its first batch), the gazetteer and the lexicons, so that every worker starts with them,
shared copy-on-write, instead of loading its own copy. A failure here only means the workers
load what they need themselves (and report any error for the documents concerned).
"""

from __future__ import annotations

import gc
import os

from veille.pipeline import PRELOAD_ENV, preload

try:
    preload(lang for lang in os.environ.get(PRELOAD_ENV, "").split(",") if lang)
except Exception:  # noqa: BLE001 - never let the fork server die: workers load lazily instead
    pass
# what is loaded now lives as long as the workers: keep the garbage collector from touching it, so
# the workers' pages stay shared with the server instead of being copied on the collector's writes
gc.freeze()
