"""Real-browser fixtures: one Chromium per session, a local static server, built packages.

Each test gets a fresh browser context whose every request is checked: anything that is not
for 127.0.0.1 (or a local file) is aborted and recorded, and the test fails if a package tried;
console errors and uncaught exceptions fail it too.
"""

from __future__ import annotations

import os
import shutil
import urllib.parse
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from ehealth_content import Module, load_module

from .static_server import serve

HERE = Path(__file__).parent
REPO = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCORM_AGAIN = REPO / "tests" / "harness" / "node_modules" / "scorm-again" / "dist"
FIXTURE_MODULE = HERE / "fixtures" / "runtime-demo" / "module.md"
TARGETS = ("scorm12", "scorm2004", "web")
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


def missing(reason: str) -> NoReturn:
    """Skip on a developer's machine that lacks a tool; fail in CI, where a skip would hide a
    broken install step behind a green run."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        missing("Debian chromium is not installed at /usr/bin/chromium")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def module() -> Module:
    loaded, diagnostics = load_module(FIXTURE_MODULE)
    assert loaded is not None, diagnostics
    return loaded


@dataclass(frozen=True)
class Site:
    root: Path
    """What the server serves: the wrapper, scorm-again and packages under ``pkg/<target>/``."""
    base_url: str
    web_index: Path
    """The ``web`` target unpacked outside the server, to be opened from disk."""

    def package_url(self, target: str) -> str:
        return f"{self.base_url}pkg/{target}/index.html"

    @property
    def wrapper_url(self) -> str:
        return f"{self.base_url}wrapper.html"


def _unpack(module: Module, target: str, dest: Path, work: Path) -> None:
    import packager

    out = work / target
    out.mkdir(parents=True)
    result = packager.build_package(module, target, out)
    if result.path.is_dir():  # the web target is a folder, the others a zip
        shutil.copytree(result.path, dest)
    else:
        with zipfile.ZipFile(result.path) as archive:
            archive.extractall(dest)


@pytest.fixture(scope="session")
def site(module: Module, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not (SCORM_AGAIN / "scorm12.js").exists():
        missing("scorm-again is not installed: npm ci --prefix tests/harness")
    root = tmp_path_factory.mktemp("site")
    work = tmp_path_factory.mktemp("builds")
    for name in ("wrapper.html", "wrapper.js"):
        shutil.copy(HERE / "lms" / name, root / name)
    (root / "scorm-again").symlink_to(SCORM_AGAIN, target_is_directory=True)
    for target in ("scorm12", "scorm2004"):
        _unpack(module, target, root / "pkg" / target, work)
    web = tmp_path_factory.mktemp("web") / "module"
    _unpack(module, "web", web, work)
    # Also over http: axe-core reads stylesheets, which Chromium refuses from file:// pages.
    shutil.copytree(web, root / "pkg" / "web")
    with serve(root) as base_url:
        yield Site(root=root, base_url=base_url, web_index=web / "index.html")


@dataclass
class Guard:
    external: list[str] = field(default_factory=list)
    """Requests that tried to leave the machine (aborted)."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions, in every frame."""


@pytest.fixture
def guarded(browser: Browser) -> Iterator[tuple[Page, Guard]]:
    """A page in a fresh context; fails the test on an outside request or a console error."""
    guard = Guard()
    # Reduced motion: no smooth scrolling, so that a box measured before a click is where it stays.
    context = browser.new_context(viewport={"width": 1000, "height": 800}, reduced_motion="reduce")

    def route(request_route: Route) -> None:
        url = urllib.parse.urlsplit(request_route.request.url)
        if url.scheme in LOCAL_SCHEMES or url.hostname == "127.0.0.1":
            request_route.continue_()
        else:
            guard.external.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: guard.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: guard.errors.append(f"uncaught: {e}"))
    yield page, guard
    context.close()
    assert guard.external == [], f"the package reached outside 127.0.0.1: {guard.external}"
    assert guard.errors == [], f"console errors: {guard.errors}"
