"""Data files: lexicons, aliases, markers. Language lives here, not in code.

``load_yaml("fr/triggers.yaml")`` reads a file below this folder (cached).
"""

from __future__ import annotations

import functools
from importlib import resources as _res
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(str(_res.files(__name__)))


@functools.cache
def load_yaml(relpath: str) -> Any:
    """Parse ``resources/<relpath>`` (YAML); cached for the life of the process."""
    with open(ROOT / relpath, encoding="utf-8") as f:
        return yaml.safe_load(f)


def lang_files(lang: str, name: str) -> Any:
    """``resources/<lang>/<name>`` if it exists, else None."""
    path = ROOT / lang / name
    return load_yaml(f"{lang}/{name}") if path.exists() else None
