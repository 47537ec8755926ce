"""Why a build refuses: a small tree of exceptions that carry diagnostics.

Every refusal is an author's or a user's problem with a message they can act on, so each
carries :class:`ehealth_content.Diagnostic` values (file, line, column, stable code) that the
CLI prints like the loader's own.

    Exception
     └── BuildError                  (diagnostics: tuple[Diagnostic, ...])
          ├── StateTooLargeError     P101 SCORM 1.2 suspend_data could exceed 4,096 characters
          ├── UnsavableStateError    P102 saved state cannot tell two questions apart
          ├── RemoteResourceError    P103 the page would load something from outside the package
          ├── AssetError             P104 a media file is missing or collides with a package file
          ├── TargetError            P105 unknown target or edition (also a ValueError)
          └── ThemeError             P106 ehealth.toml's [theme] unusable (unreadable, bad value, low contrast)
"""

from __future__ import annotations

from collections.abc import Sequence

from ehealth_content import Diagnostic, format_diagnostic

__all__ = [
    "AssetError",
    "BuildError",
    "RemoteResourceError",
    "StateTooLargeError",
    "TargetError",
    "ThemeError",
    "UnsavableStateError",
]


class BuildError(Exception):
    """A package cannot be built; ``diagnostics`` says where and why."""

    code = "P100"

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(format_diagnostic(d) for d in self.diagnostics))


class StateTooLargeError(BuildError):
    code = "P101"


class UnsavableStateError(BuildError):
    code = "P102"


class RemoteResourceError(BuildError):
    code = "P103"


class AssetError(BuildError):
    code = "P104"


class TargetError(BuildError, ValueError):
    code = "P105"


class ThemeError(BuildError):
    code = "P106"
