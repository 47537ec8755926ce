"""``compare`` on the item types of French health education: what changes a new version makes to
the saved answers of TCS, numeric with units, QRP/EDN and long-menu questions."""

from __future__ import annotations

from pathlib import Path

from ehealth_content import Module, load_text
from packager.compat import breaks_saved_state, compare

BASE = """\
---
id: m
title: M
version: 1.0.0
---

# One {#one}

```quiz
id: t
type: tcs
prompt: Vignette.
hypothesis: H
information: I
panel: [0, 1, 3, 8, 3]
```

```quiz
id: d
type: numeric
prompt: Débit ?
answer: 125 mL/h
units: [mL/h, L/h]
```

```quiz
id: q
type: multiple
prompt: QRP
expect: 1
choices: ["[x] A", "[ ] B", "[ ] C"]
```

```quiz
id: l
type: longmenu
prompt: Antidote ?
options: liste.txt
answers: [Naloxone]
```
"""


def _module(text: str, folder: Path) -> Module:
    (folder / "liste.txt").write_text("Flumazénil\nNaloxone\n", encoding="utf-8")
    module, diagnostics = load_text(text, folder / "module.md")
    assert module is not None, diagnostics
    return module


def test_new_panels_units_and_answers_are_warnings(tmp_path: Path) -> None:
    new = (
        BASE.replace("panel: [0, 1, 3, 8, 3]", "panel: [0, 1, 3, 3, 8]")
        .replace("units: [mL/h, L/h]", "units: [mL/h]")
        .replace("answers: [Naloxone]", "answers: [Naloxone, Flumazénil]")
    )
    findings = compare(_module(BASE, tmp_path), _module(new, tmp_path))
    assert [(f.severity, f.code, f.question_id) for f in findings] == [
        ("warning", "C213", "t"),
        ("warning", "C213", "d"),
        ("warning", "C213", "l"),
    ]
    assert not breaks_saved_state(findings)


def test_relabelled_tcs_points_are_rewordings(tmp_path: Path) -> None:
    new = BASE.replace("panel: [0, 1, 3, 8, 3]", "panel: [0, 1, 3, 8, 3]\nkind: treatment")
    findings = compare(_module(BASE, tmp_path), _module(new, tmp_path))
    assert {(f.severity, f.code) for f in findings} == {("warning", "C212")}
