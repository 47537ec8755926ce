"""Templates compiled by an earlier run are reused, and a cache that cannot serve changes nothing:
the page is the same with a fresh cache, a reused one, a damaged one, or none."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ehealth_content import Module
from packager import html
from packager.html import render_index_html


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temp folder of the test's own, and a fresh environment before and after."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    html._environment.cache_clear()
    yield tmp_path
    html._environment.cache_clear()


def _cache(temp: Path) -> Path:
    return temp / f"_jinja2-cache-{os.getuid()}"


def _fresh_render(module: Module) -> str:
    html._environment.cache_clear()  # as a new process would
    return render_index_html(module, "web")


def test_a_second_run_reuses_the_compiled_templates(small_module: Module, temp_folder: Path) -> None:
    first = _fresh_render(small_module)
    entries = sorted(_cache(temp_folder).iterdir())
    assert len(entries) == 2  # index.html.j2 and question.html.j2
    stamps = [entry.stat().st_mtime_ns for entry in entries]
    assert _fresh_render(small_module) == first
    assert [entry.stat().st_mtime_ns for entry in entries] == stamps  # read, not written again


def test_a_damaged_cache_is_compiled_again(small_module: Module, temp_folder: Path) -> None:
    first = _fresh_render(small_module)
    for entry in _cache(temp_folder).iterdir():
        entry.write_bytes(entry.read_bytes()[:40])
    assert _fresh_render(small_module) == first


def test_a_cache_folder_that_is_a_link_is_not_used(small_module: Module, temp_folder: Path) -> None:
    # Someone else's folder behind a link could hand us their code: jinja2 refuses it, we compile.
    elsewhere = temp_folder / "elsewhere"
    elsewhere.mkdir()
    _cache(temp_folder).symlink_to(elsewhere)
    first = _fresh_render(small_module)
    assert list(elsewhere.iterdir()) == []
    assert html._environment().bytecode_cache is None
    html._environment.cache_clear()
    _cache(temp_folder).unlink()
    assert _fresh_render(small_module) == first
