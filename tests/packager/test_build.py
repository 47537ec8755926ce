"""Building: deterministic zips, the web folder, and every refusal with a message users can act on."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import pytest

import packager
from ehealth_content import Content, Module, load_text
from packager import (
    AssetError,
    BuildError,
    BuildResult,
    RemoteResourceError,
    StateTooLargeError,
    TargetError,
    UnsavableStateError,
    build_package,
)
from packager.state import question_key

from .conftest import KINDS, build_kind, read_zip


@pytest.mark.parametrize("kind", KINDS)
def test_rebuilding_gives_the_same_bytes(
    kind: str, small_module: Module, small_packages: dict[str, BuildResult], tmp_path: Path
) -> None:
    again = build_kind(small_module, kind, tmp_path)
    assert again.path.read_bytes() == small_packages[kind].path.read_bytes()


def test_zip_entries_are_sorted_dated_1980_and_rw_r_r(small_packages: dict[str, BuildResult]) -> None:
    path = small_packages["scorm12"].path
    assert path.name == "1-petit-module-2.1.0-scorm12.zip"
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}


def test_report_counts_what_the_module_holds(small_module: Module, small_packages: dict[str, BuildResult]) -> None:
    result = small_packages["scorm12"]
    report = result.report
    assert (report.pages, report.questions, report.scored_questions, report.points) == (2, 4, 4, 4)
    assert report.size_bytes == result.path.stat().st_size
    assert report.suspend_data_worst_case == packager.suspend_data_worst_case(small_module)


def test_web_target_is_a_folder_with_the_same_files(small_packages: dict[str, BuildResult]) -> None:
    folder = small_packages["web"].path
    assert folder.name == "1-petit-module-2.1.0-web" and folder.is_dir()
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert files == set(read_zip(small_packages["scorm12"].path)) - {"imsmanifest.xml", "metadata.xml"}
    assert 'data-target="web"' in (folder / "index.html").read_text(encoding="utf-8")
    assert small_packages["web"].report.size_bytes == sum((folder / f).stat().st_size for f in files)


def test_web_rebuild_removes_files_of_an_older_build(small_module: Module, tmp_path: Path) -> None:
    first = build_package(small_module, "web", tmp_path)
    (first.path / "stale.txt").write_text("left over", encoding="utf-8")
    second = build_package(small_module, "web", tmp_path)
    assert second.path == first.path and not (second.path / "stale.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == [first.path.name]  # no staging folder left


def _module(body: str, tmp_path: Path, front: str = "") -> Module:
    text = f"---\nid: m\ntitle: M\nversion: 1.0.0\n{front}---\n\n# Page {{#p}}\n\n{body}"
    module, diagnostics = load_text(text, tmp_path / "module.md")
    assert module is not None, diagnostics
    return module


def _questions(count: int) -> str:
    """``count`` multiple-choice questions of 26 choices (the widest record) with distinct keys."""
    blocks: list[str] = []
    keys: set[str] = set()
    i = 0
    choices = ", ".join(f'"[{"x" if j == 0 else " "}] c{j}"' for j in range(26))
    while len(blocks) < count:
        qid, i = f"q{i}", i + 1
        if question_key(qid) in keys:
            continue
        keys.add(question_key(qid))
        blocks.append(f"```quiz\nid: {qid}\ntype: multiple\nprompt: P.\nchoices: [{choices}]\n```\n")
    return "\n".join(blocks)


def test_scorm12_refuses_state_over_4096_characters(tmp_path: Path) -> None:
    module = _module(_questions(420), tmp_path)
    assert packager.suspend_data_worst_case(module) > 4096
    with pytest.raises(StateTooLargeError) as caught:
        build_package(module, "scorm12", tmp_path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "P101" and diagnostic.line == 1
    assert diagnostic.message == (
        f"the saved state of this module can reach {packager.suspend_data_worst_case(module)} "
        "characters, more than the 4096 SCORM 1.2 allows (420 questions)"
    )
    assert "scorm2004" in (diagnostic.hint or "")
    assert build_package(module, "scorm2004", tmp_path).report.suspend_data_worst_case > 4096
    assert list(tmp_path.glob("*scorm12*")) == []


def _colliding_ids(prefix: str) -> tuple[str, str]:
    """Two ids whose FNV-1a hashes share their 18 low bits (the saved-state key), found by search."""
    by_key: dict[str, str] = {}
    return next(
        (by_key[k], item)
        for n in range(100_000)
        for item in [f"{prefix}{n}"]
        if (k := question_key(item)) in by_key or by_key.setdefault(k, item) is None
    )


def test_colliding_state_keys_are_refused(tmp_path: Path) -> None:
    pair = _colliding_ids("q")
    body = "\n".join(f"```quiz\nid: {qid}\ntype: truefalse\nprompt: P.\nanswer: true\n```\n" for qid in pair)
    with pytest.raises(UnsavableStateError, match=f"'{pair[0]}' and '{pair[1]}' share the same saved-state key"):
        build_package(_module(body, tmp_path), "web", tmp_path)


def test_pages_with_colliding_state_keys_are_refused(tmp_path: Path) -> None:
    # Pages seen are saved by a key of their id, made as a question's: the same search finds a pair.
    pair = _colliding_ids("p")
    body = "\n".join(f"# Page {pid} {{#{pid}}}\n\nTexte.\n" for pid in pair)
    with pytest.raises(UnsavableStateError, match=f"page ids '{pair[0]}' and '{pair[1]}' share the same saved-state"):
        build_package(_module(body, tmp_path), "web", tmp_path)


def test_remote_resources_in_allowed_html_are_refused(tmp_path: Path) -> None:
    # The loader refuses this itself (E305); the scan of the final page is the second line of
    # defence, for whatever reaches the page another way.
    module = _module("Texte.\n\n[un lien](https://example.org)\n", tmp_path)
    page = module.pages[0]
    block = page.blocks[0]
    assert isinstance(block, Content)
    forged = dataclasses.replace(block, html=block.html + '<img src="ht\ttps://cdn.example.org/x.png" alt="x">')
    module = dataclasses.replace(module, pages=(dataclasses.replace(page, blocks=(forged,)),))
    with pytest.raises(RemoteResourceError) as caught:
        build_package(module, "scorm12", tmp_path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "P103" and diagnostic.line == module.pages[0].span.line
    assert "<img src> would load 'https://cdn.example.org/x.png' from outside the package" in diagnostic.message


def test_remote_resources_in_allowed_html_are_refused_by_the_loader(tmp_path: Path) -> None:
    body = 'Texte.\n\n<img src="https://cdn.example.org/x.png" alt="x">\n\n[un lien](https://example.org)\n'
    _, diagnostics = load_text(
        f"---\nid: m\ntitle: M\nversion: 1.0.0\nallow_html: true\n---\n\n# P\n\n{body}", tmp_path / "module.md"
    )
    assert [(d.line, d.code) for d in diagnostics] == [(12, "E305")]


def test_plain_links_to_the_web_are_fine(tmp_path: Path) -> None:
    module = _module("[CNIL](https://www.cnil.fr/) et [ANS](http://esante.gouv.fr)\n", tmp_path)
    assert build_package(module, "web", tmp_path).path.is_dir()


def test_media_that_would_overwrite_a_package_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "runtime").mkdir()
    (tmp_path / "runtime" / "ehealth.js").write_text("alert(1)", encoding="utf-8")
    _, diagnostics = load_text(
        "---\nid: m\ntitle: M\nversion: 1.0.0\n---\n# P\n\n[script](runtime/ehealth.js)\n", tmp_path / "module.md"
    )
    assert [d.code for d in diagnostics] == ["E309"]
    # The loader refuses script files first; the packager still guards its own names.
    module = dataclasses.replace(_module("Texte.\n", tmp_path), assets=("runtime/ehealth.js",))
    with pytest.raises(AssetError, match="'runtime/ehealth.js' would overwrite a file of the package itself"):
        build_package(module, "scorm12", tmp_path / "out")


@pytest.mark.parametrize(
    ("target", "edition", "message"),
    [
        ("scorm13", 4, "unknown target 'scorm13': expected one of scorm12, scorm2004, cmi5, xapi, web"),
        ("scorm2004", 2, "SCORM 2004 edition 2 does not exist here: expected 3 or 4"),
    ],
)
def test_unknown_targets_and_editions(
    small_module: Module, tmp_path: Path, target: str, edition: int, message: str
) -> None:
    with pytest.raises(TargetError, match=message) as caught:
        build_package(small_module, target, tmp_path, edition=edition)
    assert isinstance(caught.value, ValueError)


def test_every_refusal_is_a_build_error_with_a_code() -> None:
    subclasses = BuildError.__subclasses__()
    assert len(subclasses) == 6
    codes = [cls.code for cls in subclasses]
    assert sorted(codes) == ["P101", "P102", "P103", "P104", "P105", "P106"]


def test_packages_are_readable_by_others_as_the_umask_allows(small_module: Module, tmp_path: Path) -> None:
    # A zip or web folder left 0600/0700 by a temporary file cannot be served or shared.
    import os

    previous = os.umask(0o022)
    try:
        zip_path = build_kind(small_module, "scorm12", tmp_path).path
        folder = build_kind(small_module, "web", tmp_path).path
    finally:
        os.umask(previous)
    assert zip_path.stat().st_mode & 0o777 == 0o644
    assert folder.stat().st_mode & 0o777 == 0o755
    assert (folder / "index.html").stat().st_mode & 0o777 == 0o644
