"""What a folder says about the modules under it (``ehealth.toml``), and the framework in force.

A module is checked against one competency framework: the file its front matter names
(``framework: ../referentiel.yaml``), else the one the closest ``ehealth.toml`` names
(``framework = "referentiel.yaml"``), else the built-in socle. The closest ``ehealth.toml`` is
looked for in the module's folder, then its parents, up to the repository root (a folder
holding ``.git``). Paths are relative to the file that writes them. docs/competency-framework.md
describes both files.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ._report import Reporter
from ._small_file import read_small_text
from .diagnostics import Diagnostic, did_you_mean
from .framework import SOCLE, Framework
from .framework_file import FRAMEWORK_SUFFIXES, load_framework
from .i18n import Message, t
from .model import Span

__all__ = [
    "PROJECT_FILE",
    "PROJECT_KEYS",
    "ProjectFile",
    "FrameworkResolver",
    "find_project_file",
    "read_project_file",
    "project_file_for",
]

PROJECT_FILE = "ehealth.toml"
PROJECT_KEYS = ("framework", "review")
# [theme] (logo, colours, fonts) is the packager's: packager/theme.py reads and checks it.
_TABLES_READ_ELSEWHERE = ("theme",)
_MAX_PROJECT_BYTES = 64 * 1024
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True, slots=True)
class Setting:
    value: str
    at: Span
    """Where the value is written in the project file."""


@dataclass(frozen=True, slots=True)
class ProjectFile:
    path: Path
    display: str
    """How diagnostics name it."""
    settings: dict[str, Setting]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def resolve(self, key: str) -> tuple[Path, str] | None:
        """The file a path setting names, and how to name it in diagnostics."""
        setting = self.settings.get(key)
        if setting is None:
            return None
        return self.path.parent / setting.value, _display_beside(self.display, setting.value)


def _display_beside(display: str, relative: str) -> str:
    """How to name ``relative`` (written in the file shown as ``display``) in a diagnostic."""
    if os.path.isabs(relative):
        return relative
    return os.path.normpath(os.path.join(os.path.dirname(display), relative))


def find_project_file(folder: Path) -> Path | None:
    """The closest ``ehealth.toml`` in ``folder`` or its parents, up to the repository root."""
    folder = folder.absolute()
    for candidate in (folder, *folder.parents):
        path = candidate / PROJECT_FILE
        try:
            if path.is_file():
                return path
            if (candidate / ".git").exists():
                return None
        except (OSError, ValueError):
            return None
    return None


def read_project_file(path: Path, display: str) -> ProjectFile:
    """The settings of an ``ehealth.toml``; problems as diagnostics at their line (E608, W601)."""
    report = Reporter(display)
    read = read_small_text(path, _MAX_PROJECT_BYTES)
    if read.text is None:
        report.error("E608", t("cannot read {file}: {problem}", file=PROJECT_FILE, problem=read.problem), at=Span(1))
        return ProjectFile(path, display, {}, tuple(report.sorted))
    try:
        data = tomllib.loads(read.text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        at = Span(int(found.group(1)), int(found.group(2))) if found else Span(1)
        detail = _TOML_POSITION.sub("", message).strip()  # tomllib's words: English
        report.error("E608", t("{file}: {problem}", file=PROJECT_FILE, problem=detail), at=at)
        return ProjectFile(path, display, {}, tuple(report.sorted))
    lines = read.text.split("\n")
    settings: dict[str, Setting] = {}
    for key, value in data.items():
        line, column = _key_at(lines, key)
        if key in _TABLES_READ_ELSEWHERE:
            continue
        if key not in PROJECT_KEYS:
            report.warning(
                "W601",
                t("unknown key '{key}' in {file}", key=key, file=PROJECT_FILE),
                at=Span(line + 1, column + 1),
                hint=did_you_mean(key, PROJECT_KEYS),
            )
            continue
        if not isinstance(value, str) or not value.strip():
            report.error(
                "E608",
                t("'{key}' in {file} must be a file path in quotes", key=key, file=PROJECT_FILE),
                at=Span(line + 1, column + 1),
            )
            continue
        settings[key] = Setting(value, Span(line + 1, _value_column(lines, line, column) + 1))
    return ProjectFile(path, display, settings, tuple(report.sorted))


def _key_at(lines: list[str], key: str) -> tuple[int, int]:
    """Where a top-level key is written (TOML tells values, not places)."""
    pattern = re.compile(r"\s*(?:" + re.escape(key) + r'|"' + re.escape(key) + r'"|\'' + re.escape(key) + r"')\s*=")
    for number, text in enumerate(lines):
        if text.lstrip().startswith("["):
            break  # past the top-level keys
        if pattern.match(text):
            return number, len(text) - len(text.lstrip())
    return 0, 0


def _value_column(lines: list[str], line: int, column: int) -> int:
    text = lines[line] if line < len(lines) else ""
    equals = text.find("=", column)
    if equals < 0:
        return column
    rest = text[equals + 1 :]
    return equals + 1 + len(rest) - len(rest.lstrip())


def project_file_for(module_path: Path, module_display: str) -> ProjectFile | None:
    """The ``ehealth.toml`` in force for a module, read, or None when there is none."""
    found = find_project_file(module_path.parent)
    if found is None:
        return None
    relative = os.path.relpath(found, module_path.parent.absolute())
    return read_project_file(found, _display_beside(module_display, relative))


class FrameworkResolver:
    """Finds the framework in force for one module; reports what goes wrong on the way.

    Called by the front matter's reader with the ``framework`` value it holds (or None) and
    where that value is written. Returns None when the framework cannot be used (reported):
    the module then has an error, and its ids are not checked against a framework it lacks.
    """

    def __init__(self, module_path: Path, module_display: str, report: Reporter) -> None:
        self.module_path = module_path
        self.module_display = module_display
        self.report = report

    def __call__(self, declared: str | None, at: Span | None) -> Framework | None:
        if declared is not None:
            return self._load(
                self.module_path.parent / declared,
                _display_beside(self.module_display, declared),
                declared,
                (self.report, at or Span(1)),
            )
        project = project_file_for(self.module_path, self.module_display)
        if project is None:
            return SOCLE
        self.report.diagnostics.extend(project.diagnostics)
        if not project.ok:
            return None
        named = project.resolve("framework")
        if named is None:
            return SOCLE
        setting = project.settings["framework"]
        return self._load(named[0], named[1], setting.value, (Reporter(project.display), setting.at))

    def _load(self, path: Path, display: str, written: str, where: tuple[Reporter, Span]) -> Framework | None:
        reporter, at = where
        written = written if len(written) <= 80 else written[:79] + "…"
        if not path.name.endswith(FRAMEWORK_SUFFIXES):
            reporter.error(
                "E601",
                t("framework file '{file}' must be a YAML file (.yaml or .yml)", file=written),
                at=at,
                hint=t("docs/competency-framework.md shows its shape"),
            )
        else:
            read_problem = _unreadable(path)
            if read_problem is not None:
                reporter.error(
                    "E601",
                    t("cannot use the framework file '{file}': {problem}", file=written, problem=read_problem),
                    at=at,
                )
            else:
                found, diagnostics = load_framework(path, display)
                self.report.diagnostics.extend(diagnostics)
                return found
        if reporter is not self.report:
            self.report.diagnostics.extend(reporter.diagnostics)
        return None


def _unreadable(path: Path) -> Message | str | None:
    """Why the file named cannot be opened (reported where it is named), or None."""
    try:
        if not path.exists():
            return t("no such file")
        if not path.is_file():
            return t("not a regular file")
    except OSError as exc:
        return exc.strerror or str(exc)  # the system's words: English
    except ValueError:
        return t("the path holds a NUL character")
    return None
