"""Packages ship the player minified (packager/minify.py), within issue 13's budget, and it
behaves as the commented sources do.

The behaviour check replays tests/vectors/scoring.json in Node against both the source and the
shipped ``ehealth.js``; the browser tests (tests/browser/conftest.py builds the packages they
load) run the shipped files in Chromium, and tests/browser/test_shipped_css.py compares the
style sheets as Chromium reads them.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ehealth_content import Module
from packager.build import RUNTIME_DIR, RUNTIME_FILES, build_package
from packager.minify import minified
from packager.targets import REGISTRY, XAPI_RUNTIME_FILE

from .conftest import REPO, read_zip

BUDGET = 25 * 1024  # issue 13: the player every package carries, gzipped
VECTORS = REPO / "tests" / "vectors" / "scoring.json"

# Loads each runtime file given in a bare context (no DOM: only what ehealth.js touches before the
# page is ready) and prints, per file, what its public functions give for the vectors and inputs.
_REPLAY = r"""
const vm = require("vm"), fs = require("fs");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
function load(file) {
  const window = {};
  const context = vm.createContext({ window, URL, document: { readyState: "loading", addEventListener() {} } });
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return window;
}
const out = {};
for (const file of input.players) {
  const e = load(file).ehealth;
  out[file] = {
    cases: input.cases.map(c => {
      const got = e.score(c.question, c.response);
      const back = e.decodeResponse(c.question, c.record);
      return {
        points: got.points, state: got.state, key: e.questionKey(c.question.id),
        record: c.response === null ? "" : e.encodeResponse(c.question, c.response),
        roundTrip: back === undefined ? "unfit" : back === null ? c.record === "" || c.record === "x"
          : e.encodeResponse(c.question, back) === c.record || c.record === "="
      };
    }),
    texts: input.texts.map(t => [e.normalizeText(t), e.parseDecimal(t)]),
    times: input.times.map(t => [e.formats.timespan12(t), e.formats.duration2004(t)]),
    types: e.types
  };
}
for (const file of input.transports) out[file] = input.urls.map(u => load(file).ehealthXapi.webUrl(u));
process.stdout.write(JSON.stringify(out));
"""
_TEXTS = [" L’INS  ", "Straße.", "é\u00a0ÉTÉ !", "1,5", "-.5", "+3.", "1e3", "", "a/b/ /c/", "x\\y", "'/*'", "*/"]
_TIMES = [0, 5, 1234, 61_000, 3_661_010, 36_000_000_000]
_URLS = ["https://lrs.example/xapi/", "java\tscript:alert(1)", " data:text/html,x", "/relative", "http://a/b?c=/*d*/"]


def _source(name: str) -> bytes:
    return (RUNTIME_DIR / name.removeprefix("runtime/")).read_bytes()


def _gzipped(data: bytes) -> int:
    # mtime=0 and level 9: the same bytes always give the same size.
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def _files(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}
    return read_zip(path)


@pytest.mark.parametrize("target", [target.name for target in REGISTRY])
def test_every_package_ships_the_minified_player(target: str, small_module: Module, tmp_path: Path) -> None:
    files = _files(build_package(small_module, target, tmp_path).path)
    names = [name for name in files if name.startswith("runtime/")]
    assert sorted(names) == sorted(next(t for t in REGISTRY if t.name == target).runtime_files)
    for name in names:
        source = _source(name)
        assert files[name] == minified(name, source)
        assert len(files[name]) < len(source) * 0.9, f"{name} is not minified"
        # What it says where the readable source is, and nothing of the sources' comments.
        assert files[name].startswith(f"/* ehealth-content (MIT) packager/{name}, minified".encode())
        assert files[name].count(b"/*") == 1


def test_the_shipped_player_is_within_the_budget() -> None:
    shipped = sum(_gzipped(minified(name, _source(name))) for name in RUNTIME_FILES)
    assert shipped <= BUDGET, f"the player is {shipped:,} B gzipped, over issue 13's {BUDGET:,} B"


def test_a_source_edited_during_a_build_process_ships_edited() -> None:
    # The cache is by source bytes: the preview rebuilds after a runtime file is edited.
    first = minified("runtime/ehealth.js", b"var a = 1; // first\n")
    second = minified("runtime/ehealth.js", b"var a = 2; // second\n")
    assert b"var a=1;" in first and b"var a=2;" in second
    assert minified("runtime/notes.txt", b"  kept  as  is ") == b"  kept  as  is "


def test_the_shipped_player_behaves_as_its_source(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        # scripts/setup needs Node (the test harness): in CI a skip would hide a broken install.
        reason = "node is not installed: cannot run the player outside a browser"
        pytest.fail(reason) if os.environ.get("CI") else pytest.skip(reason)
    players, transports = [], []
    assert "runtime/ehealth.js" in RUNTIME_FILES
    for name, into in (("runtime/ehealth.js", players), (XAPI_RUNTIME_FILE, transports)):
        shipped = tmp_path / "shipped" / name
        shipped.parent.mkdir(parents=True, exist_ok=True)
        shipped.write_bytes(minified(name, _source(name)))
        into += [str(RUNTIME_DIR / name.removeprefix("runtime/")), str(shipped)]
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))
    request = {
        "players": players,
        "transports": transports,
        "cases": cases,
        "texts": _TEXTS,
        "times": _TIMES,
        "urls": _URLS,
    }
    run = subprocess.run(
        [node, "-e", _REPLAY], input=json.dumps(request), capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    source, shipped = (results[p] for p in players)
    # The harness itself is right: the source scores as Python does.
    want = [
        {
            "points": c["points"],
            "state": c["state"],
            "record": c["record"],
            "key": c["question"]["key"],
            "roundTrip": True,
        }
        for c in cases
    ]
    assert source["cases"] == want
    assert shipped == source
    assert results[transports[1]] == results[transports[0]]
    assert results[transports[0]][:2] == ["https://lrs.example/xapi/", None]
