"""``ehealth preview`` in Chromium: edit the source, the open page follows without a manual reload;
break it, the page lists the diagnostic; fix it, the module comes back."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from packager.preview import Preview, PreviewServer

from .conftest import FIXTURE_MODULE, Guard

pytestmark = pytest.mark.browser

# Long enough for watchfiles, a rebuild and a poll on a loaded 2-core machine.
FOLLOW_MS = 15_000


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, PreviewServer]]:
    # The whole folder: the module's media (a hotspot's image) go with it.
    shutil.copytree(FIXTURE_MODULE.parent, tmp_path / "src")
    source = tmp_path / "src" / "module.md"
    work = tmp_path / "work"
    work.mkdir()
    with PreviewServer(Preview(source, work), 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield source, server
        finally:
            server.shutdown()
            thread.join(timeout=5)


def _edit(source: Path, old: str, new: str) -> None:
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_page_follows_edits_errors_and_fixes(
    guarded: tuple[Page, Guard], served: tuple[Path, PreviewServer]
) -> None:
    page, _ = guarded
    source, server = served
    page.goto(server.url)
    page.wait_for_selector("main.ehealth-running", state="attached")
    expect(page.locator("#title-intro")).to_have_text("Introduction")

    _edit(source, "# Introduction {#intro}", "# Introduction revue {#intro}")
    expect(page.locator("#title-intro")).to_have_text("Introduction revue", timeout=FOLLOW_MS)

    _edit(source, "type: single", "type: singel")
    errors = page.locator("#preview-errors li")
    expect(errors).to_have_count(1, timeout=FOLLOW_MS)
    line = source.read_text(encoding="utf-8").splitlines().index("type: singel") + 1
    # The module is French: the page speaks French, names the file from the module's folder and
    # gives the hint under the error.
    expect(errors).to_contain_text(f"{source.name}:{line}:")
    expect(errors).not_to_contain_text(str(source.parent))
    expect(errors).to_contain_text("error E4")
    expect(errors.locator(".hint")).to_have_text("conseil\u00a0: vouliez-vous dire «\u00a0single\u00a0»\u202f?")
    assert page.locator("main#ehealth").count() == 0, "no broken module under the diagnostics"

    _edit(source, "type: singel", "type: single")
    page.wait_for_selector("main.ehealth-running", state="attached", timeout=FOLLOW_MS)
    expect(page.locator("#title-intro")).to_have_text("Introduction revue")


def test_diagnostics_are_escaped(guarded: tuple[Page, Guard], served: tuple[Path, PreviewServer]) -> None:
    page, _ = guarded
    source, server = served
    _edit(source, "id: q-single", "id: <b>q</b>")
    snapshot = server.preview.rebuild()
    assert snapshot.folder is None
    page.goto(server.url)
    assert page.locator("#preview-errors b").count() == 0
    expect(page.locator("#preview-errors")).to_contain_text("<b>q</b>")
