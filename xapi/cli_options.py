"""What ``ehealth xapi`` and ``ehealth report`` ask alike: the LRS with its credentials, and
where a command keeps its files between runs. One definition, so that the two commands take the
same ``EHEALTH_LRS_*`` variables and say the same help."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

__all__ = ["lrs_options", "state_file"]

_Command = TypeVar("_Command", bound=Callable[..., object])


def lrs_options(flag: str, help: str) -> Callable[[_Command], _Command]:
    """The options ``endpoint`` (named ``flag``), ``user``, ``password`` and ``token``, each
    also read from its ``EHEALTH_LRS_*`` variable (a secret stays out of shell history)."""

    def apply(command: _Command) -> _Command:
        for option in reversed(
            (
                click.option(flag, "endpoint", envvar="EHEALTH_LRS_ENDPOINT", help=help),
                click.option("--user", envvar="EHEALTH_LRS_USER", help="Basic auth user."),
                click.option("--password", envvar="EHEALTH_LRS_PASSWORD", help="Basic auth password."),
                click.option("--token", envvar="EHEALTH_LRS_TOKEN", help="Bearer token (instead of Basic)."),
            )
        ):
            command = option(command)
        return command

    return apply


def state_file(name: str) -> Path:
    """``$XDG_STATE_HOME/ehealth/NAME`` (``~/.local/state`` when unset)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "ehealth" / name
