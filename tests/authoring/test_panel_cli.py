"""``ehealth panel export`` then ``import --write`` on a copy of a real module, as a teacher would:
one questionnaire, twelve experts who fill it in their spreadsheets, the panels replaced."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from ehealth_content import load_module
from ehealth_content.cli import cli
from ehealth_content.fmt import format_module_text
from ehealth_content.model import ScriptConcordanceQuestion

MODULE = Path(__file__).parents[2] / "modules" / "d2-cybersecurite"
EXPERTS = 12


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _panels(path: Path) -> dict[str, tuple[int, ...]]:
    module, diagnostics = load_module(path)
    assert module is not None, diagnostics
    return {q.id: q.panel for q in module.questions if isinstance(q, ScriptConcordanceQuestion)}


def _answer(item: int, expert: int) -> int | None:
    """Expert ``expert``'s point (0 … 4) for the item at position ``item``; the last expert abstains
    on every other item. Eight experts choose one point, three the next one."""
    if expert == EXPERTS - 1 and item % 2:
        return None
    main = item % 5
    return main if expert < 8 else (main + 1) % 5


def _fill(questionnaire: bytes, expert: int) -> bytes:
    """What a spreadsheet saves after the expert typed the answers: even experts in UTF-8 with
    ';', '+1' and Unicode minus signs; odd ones in Windows-1252 with ',' and plain numbers."""
    rows = list(csv.reader(io.StringIO(questionnaire.decode("utf-8-sig"), newline=""), delimiter=";"))
    start = next(i for i, row in enumerate(rows) if row[:2] == ["module", "id"])
    for item, row in enumerate(rows[start + 1 :]):
        point = _answer(item, expert)
        if point is None:
            continue
        value = point - 2
        if expert % 2 == 0:
            row[10] = ("+" if value > 0 else "") + str(value).replace("-", "\u2212")
        else:
            row[10] = str(value)
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";" if expert % 2 == 0 else ",", lineterminator="\r\n").writerows(rows)
    if expert % 2 == 0:
        return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
    return out.getvalue().encode("cp1252", "replace")


def test_export_fill_import_write(tmp_path: Path) -> None:
    module_dir = tmp_path / "d2-cybersecurite"
    shutil.copytree(MODULE, module_dir)
    source = module_dir / "module.md"
    before = source.read_bytes()
    old_panels = _panels(source)

    result = _run("panel", "export", str(module_dir), "--out", str(tmp_path / "questionnaire.csv"))
    assert result.exit_code == 0, result.output
    questionnaire = (tmp_path / "questionnaire.csv").read_bytes()
    text = questionnaire.decode("utf-8-sig")
    assert "réponse (-2 à +2)" in text and "12 TCS de 1 module(s)" in result.stderr
    for ident, panel in old_panels.items():
        assert ident in text and str(list(panel)) not in text  # experts answer blind

    forms = []
    for expert in range(EXPERTS):
        form = tmp_path / f"expert-{expert:02}.csv"
        form.write_bytes(_fill(questionnaire, expert))
        forms.append(str(form))

    dry = _run("panel", "import", *forms, str(module_dir))
    assert dry.exit_code == 0, dry.output
    assert source.read_bytes() == before, "without --write nothing changes"
    assert "panel actuel" in dry.stdout and "ajoutez --write" in dry.stderr

    result = _run("panel", "import", *forms, str(module_dir), "--write")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output

    expected: dict[str, tuple[int, ...]] = {}
    for item, ident in enumerate(old_panels):
        counts = [0] * 5
        for expert in range(EXPERTS):
            point = _answer(item, expert)
            if point is not None:
                counts[point] += 1
        expected[ident] = tuple(counts)
    assert _panels(source) == expected
    # Only the panel lines changed, byte for byte.
    old_lines, new_lines = before.split(b"\n"), source.read_bytes().split(b"\n")
    assert len(old_lines) == len(new_lines)
    changed = [old for old, new in zip(old_lines, new_lines, strict=True) if old != new]
    assert len(changed) == len(expected) and all(line.startswith(b"panel: [") for line in changed)
    # `ehealth check` passes; `ehealth fmt --check` says what it said before.
    assert _run("check", str(module_dir)).exit_code == 0
    assert (
        format_module_text(source.read_text(encoding="utf-8"), source).changed
        == format_module_text(before.decode("utf-8"), source).changed
    )
    # Items whose modal point moved are flagged for the review record; 11 or 12 experts is enough.
    assert "W704" in result.stderr and "W702" not in result.stderr


def test_a_bad_form_writes_nothing(tmp_path: Path) -> None:
    module_dir = tmp_path / "d2-cybersecurite"
    shutil.copytree(MODULE, module_dir)
    before = (module_dir / "module.md").read_bytes()
    out = tmp_path / "q.csv"
    assert _run("panel", "export", str(module_dir), "--out", str(out)).exit_code == 0
    good = _fill(out.read_bytes(), 0)
    bad = good.replace(b";+2;", b";+3;", 1)  # a typo in one cell
    forms = []
    for expert in range(6):
        path = tmp_path / f"e{expert}.csv"
        path.write_bytes(bad if expert == 0 else good)
        forms.append(str(path))
    result = _run("panel", "import", *forms, str(module_dir), "--write")
    assert result.exit_code == 1
    assert f"{forms[0]}:" in result.stderr and "error E703" in result.stderr
    assert "rien n'est écrit" in result.stderr and "Traceback" not in result.output
    assert (module_dir / "module.md").read_bytes() == before


def test_usage_errors(tmp_path: Path) -> None:
    form = tmp_path / "f.csv"
    form.write_text("id;réponse\n", encoding="utf-8")
    assert _run("panel", "import", str(form)).exit_code == 2
    assert _run("panel", "import", str(MODULE)).exit_code == 2
    spreadsheet = tmp_path / "f.xlsx"
    spreadsheet.write_bytes(b"PK\x03\x04" + bytes(100))
    result = _run("panel", "import", str(spreadsheet), str(MODULE))
    assert result.exit_code == 1 and "E701" in result.stderr and "Traceback" not in result.output
