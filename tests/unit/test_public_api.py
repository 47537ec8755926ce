"""The public surface: ``__all__`` is complete and the package is typed."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest


@pytest.mark.parametrize("package", ["ehealth_content", "packager", "xapi"])
def test_all_names_every_public_member(package: str) -> None:
    module = importlib.import_module(package)
    public = {name for name in vars(module) if not name.startswith("_")}
    submodules = {name for name, value in vars(module).items() if type(value).__name__ == "module"}
    assert set(module.__all__) >= public - submodules - {"annotations"}
    for name in module.__all__:
        assert hasattr(module, name), name


@pytest.mark.parametrize("package", ["ehealth_content", "packager", "xapi"])
def test_py_typed_is_shipped(package: str) -> None:
    module = importlib.import_module(package)
    assert module.__file__ is not None
    assert (Path(module.__file__).parent / "py.typed").is_file()
