"""Every data file parses, and a key given twice in one mapping is refused (YAML would keep the
last one silently)."""

import pytest
import yaml

from veille.resources import ROOT, _StrictLoader, load_yaml


@pytest.mark.parametrize("path", sorted(str(p.relative_to(ROOT)) for p in ROOT.rglob("*.yaml")))
def test_resource_file_parses_without_duplicate_keys(path):
    assert load_yaml(path) is not None


def test_duplicate_key_is_refused():
    with pytest.raises(ValueError, match="duplicate key 'Attack'"):
        yaml.load("weak:\n  Attack: [a]\n  Attack: [b]\n", Loader=_StrictLoader)  # noqa: S506
