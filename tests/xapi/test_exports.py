"""The public surface: ``__all__`` lists exactly the public names of ``xapi``."""

from __future__ import annotations

import xapi


def test_all_is_complete_and_importable() -> None:
    public = {name for name in vars(xapi) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(xapi, name)).__name__ == "module"}
    assert set(xapi.__all__) == public - modules - {"annotations"}
    for name in xapi.__all__:
        assert getattr(xapi, name).__module__.startswith("xapi") or name == "Statement"
