"""The target registry: every entry is built, does what its entry says, and is documented."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

import packager
from ehealth_content import Module
from packager.build import RUNTIME_FILES, build_package
from packager.cli import build_command
from packager.targets import (
    REGISTRY,
    TARGETS,
    XAPI_RUNTIME_FILE,
    Target,
    UnknownTargetError,
    reserved_names,
    target_named,
    targets_taking,
)

from .conftest import REPO, SMALL, read_zip

DOCS = REPO / "docs"
IDS = [target.name for target in REGISTRY]


def _files(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return read_zip(path)


def _editions(target: Target) -> tuple[int, ...]:
    return target.editions or (4,)


@pytest.mark.parametrize("target", REGISTRY, ids=IDS)
def test_every_target_builds_what_its_entry_says(target: Target, small_module: Module, tmp_path: Path) -> None:
    for edition in _editions(target):
        result = build_package(small_module, target.name, tmp_path, edition=edition)
        stem = f"{small_module.id}-{small_module.version}-{target.kind(edition)}"
        assert result.path.name == (stem if target.layout == "folder" else f"{stem}.zip")
        assert result.path.is_dir() == (target.layout == "folder")
        files = _files(result.path)
        # Its descriptor, its player files, and nothing of another target's.
        assert set(target.descriptor_files) <= files.keys()
        assert not (reserved_names() - {"index.html", *target.descriptor_files}) & files.keys()
        assert (XAPI_RUNTIME_FILE in files) == target.reports_xapi
        assert set(RUNTIME_FILES) <= files.keys()
        page = lxml.html.document_fromstring(files["index.html"])
        assert page.get_element_by_id("ehealth").get("data-target") == target.name
        data = json.loads(page.get_element_by_id("ehealth-data").text)
        assert data["target"] == target.name
        assert ("activityBase" in data["module"]) == target.reports_xapi
        assert ("ui" in data) == target.ui_catalogues


def test_editions_get_packages_of_their_own(small_module: Module, tmp_path: Path) -> None:
    for target in REGISTRY:
        names = {build_package(small_module, target.name, tmp_path, edition=e).path.name for e in _editions(target)}
        assert len(names) == len(_editions(target)), target.name


def test_public_targets_are_the_registry() -> None:
    assert packager.TARGETS == TARGETS == tuple(IDS)
    assert len(set(TARGETS)) == len(TARGETS)
    assert packager.EDITIONS == target_named("scorm2004").editions
    assert packager.SCORM12_SUSPEND_DATA_LIMIT == 4096


def test_an_unknown_target_is_named_with_the_known_ones(small_module: Module) -> None:
    with pytest.raises(UnknownTargetError, match="expected one of scorm12, scorm2004, cmi5, xapi, web"):
        packager.render_index_html(small_module, "scorm3000")


def test_every_target_option_is_an_option_of_ehealth_build() -> None:
    flags = {opt for param in build_command.params for opt in getattr(param, "opts", [])}
    for target in REGISTRY:
        assert set(target.options) <= flags, target.name


@pytest.mark.parametrize("target", REGISTRY, ids=IDS)
def test_options_of_other_targets_are_refused(target: Target, tmp_path: Path) -> None:
    values = {"--edition": "3", "--base-iri": "https://lms.example.net/x", "--move-on": "Passed"}
    for option, value in values.items():
        result = CliRunner().invoke(
            build_command, [str(SMALL), "--target", target.name, option, value, "--out", str(tmp_path)]
        )
        takers = " or ".join(t.name for t in targets_taking(option))
        if option in target.options:
            assert result.exit_code == 0, result.output
        else:
            assert result.exit_code == 2 and f"to --target {takers} only" in result.output


@pytest.mark.parametrize("target", REGISTRY, ids=IDS)
def test_every_target_is_documented(target: Target) -> None:
    contract = (DOCS / "package-contract.md").read_text(encoding="utf-8")
    # One row of the contract's table of targets per entry, naming its descriptor files.
    rows = [line for line in contract.splitlines() if re.match(rf"\|\s*`{target.name}`", line)]
    assert len(rows) == 1, f"docs/package-contract.md: no row for {target.name}"
    for name in target.descriptor_files:
        assert f"`{name}`" in rows[0], f"{target.name}: {name} missing from its row"


def test_the_walkthrough_names_every_field_of_an_entry() -> None:
    walkthrough = (DOCS / "adding-a-target.md").read_text(encoding="utf-8")
    missing = [f.name for f in dataclasses.fields(Target) if f"`{f.name}`" not in walkthrough]
    assert not missing, f"docs/adding-a-target.md does not explain {missing}"


def _js_keys(source: str, table: str) -> set[str]:
    """The keys of the object literal ``var TABLE = { … };`` of the runtime (top level only)."""
    found = re.search(rf"var {table} = \{{(.*?)\n?\s*\}};", source, re.DOTALL)
    assert found, f"ehealth.js: no table {table}"
    body, depth, keys = found.group(1), 0, set()
    for match in re.finditer(r"[{}]|(\w+)\s*:", body):
        if match.group(0) == "{":
            depth += 1
        elif match.group(0) == "}":
            depth -= 1
        elif depth == 0:
            keys.add(match.group(1))
    return keys


def test_the_runtime_adapters_agree_with_the_registry() -> None:
    # The runtime picks its adapter by the embedded data's target: its tables must name the
    # same targets as the registry's `reports`.
    source = (REPO / "packager" / "runtime" / "ehealth.js").read_text(encoding="utf-8")
    scorm = {t.name for t in REGISTRY if t.reports.startswith("SCORM")}
    xapi = {t.name for t in REGISTRY if t.reports_xapi}
    assert _js_keys(source, "SCORM") == scorm
    assert _js_keys(source, "XAPI_TARGETS") == xapi
