"""``ehealth build --previous``: a new package carries the page list of the ``E1`` package
learners use (``e1Pages``), so that their pages seen survive the update; a previous package that
cannot say it is refused with one line, never a traceback."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import lxml.html  # type: ignore[import-untyped, unused-ignore]
import pytest
from click.testing import CliRunner, Result

from packager.cli import build_command
from packager.cli_compat import compat_command

# A cmi5 course of every module under the sources folder, as a teacher builds it.
COURSE = ("--target", "cmi5", "--course", "c", "--course-title", "C")


def source(folder: Path, pages: list[str], version: str = "2.2.0", module_id: str = "pages") -> Path:
    """A module of ``pages`` (ids) in ``folder/module.md``."""
    folder.mkdir(parents=True)
    body = "\n\n".join(f"# Page {pid} {{#{pid}}}\n\nContenu {pid}." for pid in pages)
    quiz = "```quiz\nid: q-fin\ntype: truefalse\nprompt: Le module est fini.\nanswer: true\n```\n"
    text = f"---\nid: {module_id}\ntitle: Pages\nversion: {version}\nlang: fr\n---\n\n{body}\n\n{quiz}"
    (folder / "module.md").write_text(text, encoding="utf-8")
    return folder


def build(*args: str | Path) -> Result:
    """``ehealth build ARGS``, in English unless ARGS say (the modules are French)."""
    given = [str(a) for a in args]
    return CliRunner().invoke(build_command, given if "--lang" in given else [*given, "--lang", "en"])


def embedded(package: Path, inner: str = "index.html") -> dict[str, object]:
    if package.is_dir():
        html = (package / inner).read_bytes()
    else:
        with zipfile.ZipFile(package) as archive:
            html = archive.read(inner)
    data = json.loads(lxml.html.document_fromstring(html).get_element_by_id("ehealth-data").text)
    assert isinstance(data, dict)
    return data


def rewrite_index(package: Path, edit: dict[str, str]) -> None:
    """Replace text in ``package``'s ``index.html`` (a zip)."""
    with zipfile.ZipFile(package) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    html = files["index.html"].decode("utf-8")
    for old, new in edit.items():
        assert html.count(old) == 1, old
        html = html.replace(old, new)
    files["index.html"] = html.encode("utf-8")
    with zipfile.ZipFile(package, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)


def old_package(tmp_path: Path, pages: list[str], version: str = "2.1.0", module_id: str = "pages") -> Path:
    """A scorm12 zip of ``pages`` as a build before format E2 wrote it (no ``stateFormat``)."""
    src = source(tmp_path / f"src-{module_id}-{version}", pages, version, module_id)
    result = build(src, "--out", tmp_path / f"old-{module_id}-{version}")
    assert result.exit_code == 0, result.output
    package = tmp_path / f"old-{module_id}-{version}" / f"{module_id}-{version}-scorm12.zip"
    rewrite_index(package, {'"stateFormat":"E2",': ""})
    return package


def test_a_build_with_previous_carries_the_old_page_list_and_one_without_does_not(tmp_path: Path) -> None:
    old = old_package(tmp_path, ["a", "b", "c"])
    new = source(tmp_path / "new", ["a", "n", "b", "c"])
    result = build(new, "--out", tmp_path / "with", "--previous", old)
    assert result.exit_code == 0, result.output
    data = embedded(tmp_path / "with" / "pages-2.2.0-scorm12.zip")
    assert data["e1Pages"] == ["a", "b", "c"] and data["pages"] == ["a", "n", "b", "c"]
    assert build(new, "--out", tmp_path / "without").exit_code == 0
    assert "e1Pages" not in embedded(tmp_path / "without" / "pages-2.2.0-scorm12.zip")


@pytest.mark.parametrize("target", ["scorm2004", "cmi5", "xapi", "web"])
def test_every_target_carries_it(tmp_path: Path, target: str) -> None:
    old = old_package(tmp_path, ["a", "b"])
    result = build(source(tmp_path / "new", ["a", "n", "b"]), "--target", target, "--out", tmp_path, "--previous", old)
    assert result.exit_code == 0, result.output
    [package] = [p for p in tmp_path.iterdir() if p.name.startswith("pages-2.2.0")]
    assert embedded(package)["e1Pages"] == ["a", "b"]


def test_a_web_folder_or_a_folder_of_web_folders_is_a_previous_package(tmp_path: Path) -> None:
    src = source(tmp_path / "old", ["a", "b"], "2.1.0")
    assert build(src, "--target", "web", "--out", tmp_path / "dist").exit_code == 0
    web = tmp_path / "dist" / "pages-2.1.0-web"
    index = web / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace('"stateFormat":"E2",', ""), encoding="utf-8")
    new = source(tmp_path / "new", ["a", "n", "b"])
    for previous in (web, tmp_path / "dist"):
        result = build(new, "--target", "web", "--out", tmp_path / previous.name, "--previous", previous)
        assert result.exit_code == 0, result.output
        assert embedded(tmp_path / previous.name / "pages-2.2.0-web")["e1Pages"] == ["a", "b"]


def test_a_course_matches_each_module_by_id_in_a_folder_of_previous_packages(tmp_path: Path) -> None:
    old_package(tmp_path, ["a", "b"], module_id="un")
    old_package(tmp_path, ["x", "y", "z"], module_id="deux")
    previous = tmp_path / "previous"
    previous.mkdir()
    for name in ("un", "deux"):
        (tmp_path / f"old-{name}-2.1.0" / f"{name}-2.1.0-scorm12.zip").rename(previous / f"{name}.zip")
    (previous / "notes.txt").write_text("not a package", encoding="utf-8")
    source(tmp_path / "src" / "un", ["n", "a", "b"], module_id="un")
    source(tmp_path / "src" / "deux", ["x", "z"], module_id="deux")
    source(tmp_path / "src" / "trois", ["t"], module_id="trois")
    result = build(tmp_path / "src", *COURSE, "--out", tmp_path, "--previous", previous)
    assert result.exit_code == 0, result.output
    course = tmp_path / "c-cmi5.zip"
    assert embedded(course, "un/index.html")["e1Pages"] == ["a", "b"]
    assert embedded(course, "deux/index.html")["e1Pages"] == ["x", "y", "z"]
    assert "e1Pages" not in embedded(course, "trois/index.html"), "a new module has no previous package"
    # The course zip itself as the previous package of the next version, a module added since.
    source(tmp_path / "src" / "quatre", ["q"], module_id="quatre")
    result = build(tmp_path / "src", *COURSE, "--out", tmp_path / "next", "--previous", course)
    assert result.exit_code == 0, result.output
    assert embedded(tmp_path / "next" / "c-cmi5.zip", "un/index.html")["e1Pages"] == ["a", "b"], "passed on"
    assert "e1Pages" not in embedded(tmp_path / "next" / "c-cmi5.zip", "quatre/index.html")


def test_a_previous_package_saving_in_e2_passes_on_the_list_it_carries(tmp_path: Path) -> None:
    """Learners who did not resume while the intermediate version was up still hold E1 states."""
    first = old_package(tmp_path, ["a", "b"], version="2.0.0")
    assert (
        build(
            source(tmp_path / "mid", ["a", "n", "b"], "2.1.0"), "--out", tmp_path / "mid-out", "--previous", first
        ).exit_code
        == 0
    )
    middle = tmp_path / "mid-out" / "pages-2.1.0-scorm12.zip"
    result = build(source(tmp_path / "new", ["n", "b", "c"]), "--out", tmp_path / "new-out", "--previous", middle)
    assert result.exit_code == 0, result.output
    assert embedded(tmp_path / "new-out" / "pages-2.2.0-scorm12.zip")["e1Pages"] == ["a", "b"]
    assert build(source(tmp_path / "plain", ["a"], "2.1.0"), "--out", tmp_path / "plain-out").exit_code == 0
    result = build(
        tmp_path / "new", "--out", tmp_path / "new-2", "--previous", tmp_path / "plain-out" / "pages-2.1.0-scorm12.zip"
    )
    assert result.exit_code == 0, result.output
    assert "e1Pages" not in embedded(tmp_path / "new-2" / "pages-2.2.0-scorm12.zip"), "an E2 package knows no E1 list"


def refused(result: Result, where: Path | str, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    # French messages put no-break spaces before « : » and inside « »; compared as spaces.
    lines = [line.replace("\xa0", " ") for line in result.stderr.splitlines() if " error P107: " in line]
    assert lines == [f"{where}: error P107: {message}"], result.stderr


def test_a_package_of_another_module_is_refused_in_english_and_french(tmp_path: Path) -> None:
    other = old_package(tmp_path, ["a"], module_id="autre")
    new = source(tmp_path / "new", ["a", "b"])
    refused(
        build(new, "--out", tmp_path, "--previous", other, "--lang", "en"),
        other,
        "it is a package of 'autre', not of module 'pages': give the package learners of 'pages' use now",
    )
    refused(
        build(new, "--out", tmp_path, "--previous", other, "--lang", "fr"),
        other,
        "c'est un paquet de 'autre', pas du module « pages » : donnez le paquet qu'utilisent aujourd'hui les "
        "apprenants de « pages »",
    )
    assert not list(tmp_path.glob("pages-*")), "nothing built"


def test_a_later_version_is_refused(tmp_path: Path) -> None:
    later = old_package(tmp_path, ["a"], version="3.0.0")
    refused(
        build(source(tmp_path / "new", ["a", "b"]), "--out", tmp_path, "--previous", later),
        f"{later}!index.html",
        "version 3.0.0 of module 'pages' is later than the one being built (2.2.0): give the package learners use now",
    )


def test_a_folder_holding_two_versions_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "previous"
    folder.mkdir()
    for version in ("2.0.0", "2.1.0"):
        old_package(tmp_path, ["a"], version=version).rename(folder / f"{version}.zip")
    refused(
        build(source(tmp_path / "new", ["a", "b"]), "--out", tmp_path, "--previous", folder),
        folder,
        "it holds several versions of module 'pages' (2.0.0, 2.1.0): give the package learners use now",
    )


def test_unreadable_and_hostile_previous_packages_are_refused(tmp_path: Path) -> None:
    new = source(tmp_path / "new", ["a", "b"])
    not_zip = tmp_path / "notes.txt"
    not_zip.write_text("hello", encoding="utf-8")
    refused(
        build(new, "--previous", not_zip),
        not_zip,
        "not a package: give a package zip, a web folder, or a folder of them",
    )
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", b"\0" * (17 * 1024 * 1024))  # 17 MiB of zeros: 17 kB deflated
    assert bomb.stat().st_size < 100_000
    result = build(new, "--previous", bomb)
    assert result.exit_code == 1 and f"{bomb}: error P107: cannot read it as a previous package: " in result.stderr
    assert "Traceback" not in result.output
    for name, edit, reason in [
        ("proto", {'"pages":["a"]': '"pages":["__proto__"]'}, "the page list is missing, too long, or holds"),
        ("twice", {'"pages":["a"]': '"pages":["a","a"]'}, "the page list names a page twice"),
        ("version", {'"version":"2.1.0"': '"version":"2.1"'}, "the module version is missing or not MAJOR.MINOR.PATCH"),
        ("format", {'"format":1': '"format":99'}, "embedded data format 99; this version reads 1"),
        ("json", {'"format":1': '"format":'}, "damaged embedded data (JSONDecodeError"),
    ]:
        hostile = old_package(tmp_path / name, ["a"])
        rewrite_index(hostile, edit)
        result = build(new, "--out", tmp_path / name, "--previous", hostile)
        assert result.exit_code == 1, (name, result.output)
        assert reason in result.stderr and " error P107: " in result.stderr and "Traceback" not in result.output, name


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = build(source(tmp_path / "new", ["a"]), "--previous", tmp_path / "nowhere.zip")
    assert result.exit_code == 2


def test_compat_says_pages_seen_survive_when_the_new_package_carries_the_old_list(tmp_path: Path) -> None:
    old = old_package(tmp_path, ["a", "b", "c"])
    new = source(tmp_path / "new", ["a", "n", "b", "c"])
    assert build(new, "--out", tmp_path / "with", "--previous", old).exit_code == 0
    assert build(new, "--out", tmp_path / "without").exit_code == 0
    other = old_package(tmp_path, ["a", "c"], version="2.0.0")
    assert build(new, "--out", tmp_path / "other", "--previous", other).exit_code == 0

    def codes(new_package: Path) -> list[str]:
        result = CliRunner().invoke(compat_command, [str(old), str(new_package), "--format", "json"])
        return [f["code"] for f in json.loads(result.stdout)]

    assert codes(tmp_path / "with" / "pages-2.2.0-scorm12.zip") == ["C112"]
    assert codes(tmp_path / "without" / "pages-2.2.0-scorm12.zip") == ["C113", "C112"]
    assert codes(tmp_path / "other" / "pages-2.2.0-scorm12.zip") == ["C113", "C112"], "another page list"
    assert codes(new) == ["C113", "C112"], "a source carries no page list"
    # The package built with --previous, replaced by one built without: E1 states would lose their marks.
    assert codes_between(
        tmp_path / "with" / "pages-2.2.0-scorm12.zip", tmp_path / "without" / "pages-2.2.0-scorm12.zip"
    ) == ["C113"]


def codes_between(old: Path, new: Path) -> list[str]:
    result = CliRunner().invoke(compat_command, [str(old), str(new), "--format", "json"])
    return [f["code"] for f in json.loads(result.stdout)]
