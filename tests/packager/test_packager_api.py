"""The packager's public surface: ``__all__`` complete, typed package."""

from __future__ import annotations

from pathlib import Path

import packager


def test_all_names_every_public_member() -> None:
    public = {
        name for name, value in vars(packager).items() if not name.startswith("_") and type(value).__name__ != "module"
    }
    assert set(packager.__all__) == public - {"annotations"}


def test_py_typed_and_templates_are_shipped() -> None:
    root = Path(packager.__file__).parent
    assert (root / "py.typed").is_file()
    assert (root / "templates" / "index.html.j2").is_file()
