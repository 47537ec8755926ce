"""``ehealth build`` on many modules: worker processes, output in input order whatever finishes
first, every module's errors, a progress bar on a terminal and plain lines elsewhere."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import packager.cli
from packager.batch import Job, Outcome, build_many
from packager.cli import build_command
from packager.progress import Progress

from .conftest import SMALL


def _tree(tmp_path: Path) -> Path:
    """Four modules: two good, two broken, in a known order."""
    root = tmp_path / "src"
    for name in ("a-good", "b-broken", "c-good", "d-broken"):
        folder = root / name
        folder.mkdir(parents=True)
        body = "\n# P\n\nTexte.\n" if "good" in name else "\n# P\n\n```quiz\nid: q\ntype: singel\nprompt: P\n```\n"
        (folder / "module.md").write_text(f"---\nid: {name}\ntitle: T\nversion: 1.0.0\n---\n{body}", encoding="utf-8")
    return root


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_reports_every_module_in_input_order(tmp_path: Path, jobs: str) -> None:
    result = CliRunner().invoke(
        build_command, [str(_tree(tmp_path)), "--target", "web", "--out", str(tmp_path / "dist"), "--jobs", jobs]
    )
    assert result.exit_code == 1
    assert [line.split(" → ")[0] for line in result.stdout.splitlines()] == ["a-good 1.0.0", "c-good 1.0.0"]
    progress = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert progress == ["[1/4] a-good", "[2/4] b-broken", "[3/4] c-good", "[4/4] d-broken"]
    errors = [line for line in result.stderr.splitlines() if ": error " in line]
    assert [line.split("/")[-2] for line in errors] == ["b-broken", "d-broken"], "errors of every module, in order"
    assert all("E4" in line and "did you mean 'single'?" in line for line in errors)
    assert result.stderr.splitlines()[-1] == "Error: 2 of 4 module(s) not built"
    assert "\r" not in result.stderr, "no bar drawn in place when stderr is not a terminal"


def test_parallel_and_serial_builds_write_the_same_bytes(tmp_path: Path) -> None:
    sources = tmp_path / "many"
    for name in ("m1", "m2", "m3"):
        shutil.copytree(SMALL.parent, sources / name)
        text = (sources / name / "module.md").read_text(encoding="utf-8")
        (sources / name / "module.md").write_text(
            text.replace("id: 1-petit-module", f"id: {name}", 1), encoding="utf-8"
        )
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"dist-{jobs}"
        result = CliRunner().invoke(build_command, [str(sources), "--out", str(out), "-j", jobs])
        assert result.exit_code == 0, result.output
        outputs.append(
            (result.stdout.replace(str(out), "OUT"), {p.name: p.read_bytes() for p in sorted(out.iterdir())})
        )
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0][1]) == ["m1-2.1.0-scorm12.zip", "m2-2.1.0-scorm12.zip", "m3-2.1.0-scorm12.zip"]


def test_workers_are_other_processes(tmp_path: Path) -> None:
    done: list[int] = []
    outcomes = build_many(
        [SMALL, SMALL.parent.parent / "nowhere" / "module.md"],
        Job("web", tmp_path),
        2,
        lambda index, _: done.append(index),
    )
    assert sorted(done) == [0, 1]
    assert outcomes[0].result is not None and outcomes[0].name == "1-petit-module"
    assert outcomes[1].result is None and "E0" in outcomes[1].errors[0]


def test_a_terminal_gets_a_bar_redrawn_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(packager.cli, "_is_terminal", lambda stream: True)
    result = CliRunner().invoke(
        build_command, [str(_tree(tmp_path)), "--target", "web", "--out", str(tmp_path / "dist"), "-j", "1"]
    )
    assert result.exit_code == 1
    assert "\r\x1b[K[1/4] █████░░░░░░░░░░░░░░░ a-good" in result.stderr
    assert "\r\x1b[K[4/4] ████████████████████ d-broken" in result.stderr
    assert not any(line.startswith("[") for line in result.stderr.splitlines()), "no plain lines on a terminal"
    # The bar is cleared before every line printed, so what the terminal shows is the line alone.
    shown = [line.rsplit("\r\x1b[K", 1)[-1] for line in result.stderr.split("\n") if ": error " in line]
    assert len(shown) == 2 and all(line.startswith(str(tmp_path)) and "█" not in line for line in shown)
    assert result.stderr.endswith("\r\x1b[KError: 2 of 4 module(s) not built\n"), "the bar is gone at the end"


def test_progress_plain_lines_and_bar() -> None:
    plain, bar = io.StringIO(), io.StringIO()
    quiet, drawn = Progress(2, plain, tty=False), Progress(2, bar, tty=True)
    for progress in (quiet, drawn):
        progress.advance("x")
        progress.item(1, "x")
        progress.clear()
    assert plain.getvalue() == "[1/2] x\n"
    assert bar.getvalue() == "\r\x1b[K[1/2] ██████████░░░░░░░░░░ x\r\x1b[K"


def test_outcome_survives_the_trip_between_processes() -> None:
    import pickle

    outcome = Outcome(Path("m.md"), "m", None, None, ("m.md:1:1: error E001: x",))
    assert pickle.loads(pickle.dumps(outcome)) == outcome
