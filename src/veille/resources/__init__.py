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


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses a key given twice in one mapping (YAML keeps the last one
    silently, which once dropped a whole list of triggers)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            k = self.construct_object(key_node, deep=deep)
            if k in seen:
                raise ValueError(f"duplicate key {k!r} at {key_node.start_mark}")
            seen.add(k)
        return super().construct_mapping(node, deep=deep)


@functools.cache
def load_yaml(relpath: str) -> Any:
    """Parse ``resources/<relpath>`` (YAML); cached for the life of the process. A key given
    twice in one mapping is an error."""
    with open(ROOT / relpath, encoding="utf-8") as f:
        return yaml.load(f, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)


def lang_files(lang: str, name: str) -> Any:
    """``resources/<lang>/<name>`` if it exists, else None."""
    path = ROOT / lang / name
    return load_yaml(f"{lang}/{name}") if path.exists() else None
