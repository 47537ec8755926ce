"""Golden snapshots of what the small fixture module becomes, reviewed as ordinary files.

After an intended change: ``UPDATE_GOLDEN=1 pytest tests/packager/test_golden.py``, then read
the diff of ``tests/packager/fixtures/small/golden/`` before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ehealth_content import Module
from packager import BuildResult, render_index_html

from .conftest import FIXTURES, KINDS, read_zip

GOLDEN = FIXTURES / "small" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _compare(name: str, actual: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual)
    assert path.is_file(), f"{path} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert actual.decode("utf-8") == path.read_text(encoding="utf-8"), f"{name} changed: review, then UPDATE_GOLDEN=1"


@pytest.mark.parametrize("kind", KINDS)
def test_manifest_matches_golden(kind: str, small_packages: dict[str, BuildResult]) -> None:
    _compare(f"imsmanifest-{kind}.xml", read_zip(small_packages[kind].path)["imsmanifest.xml"])


def test_index_html_matches_golden(small_module: Module) -> None:
    _compare("index-scorm12.html", render_index_html(small_module, "scorm12").encode("utf-8"))


def test_golden_folder_holds_no_stale_file() -> None:
    expected = {f"imsmanifest-{kind}.xml" for kind in KINDS} | {"index-scorm12.html"}
    assert {p.name for p in Path(GOLDEN).iterdir()} == expected
