"""The public surface: ``__all__`` lists exactly the public names of ``xapi``."""

from __future__ import annotations

import subprocess
import sys

import xapi


def test_all_is_complete_and_importable() -> None:
    for name in xapi.__all__:  # the names load on first use
        getattr(xapi, name)
    public = {name for name in vars(xapi) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(xapi, name)).__name__ == "module"}
    assert set(xapi.__all__) == public - modules - {"annotations"}
    for name in xapi.__all__:
        assert getattr(xapi, name).__module__.startswith("xapi") or name == "Statement"


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        xapi.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("xapi.NoSuchThing did not raise")


def test_the_activity_ids_load_without_the_transport() -> None:
    # The packager names activities with xapi.iris: building a package must not load httpx.
    code = "import sys, xapi.iris, packager.build; sys.exit('httpx' in sys.modules or 'xapi.client' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
