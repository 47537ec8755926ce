"""``ehealth xapi`` and ``ehealth report`` name the LRS and its credentials alike: the same
variables, the same help (one definition, xapi/cli_options.py)."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from xapi.cli import default_outbox, xapi_command
from xapi.cli_report import default_store, report_command

LRS_VARIABLES = {
    "endpoint": "EHEALTH_LRS_ENDPOINT",
    "user": "EHEALTH_LRS_USER",
    "password": "EHEALTH_LRS_PASSWORD",
    "token": "EHEALTH_LRS_TOKEN",
}


def _options(command: click.Command) -> dict[str, click.Option]:
    return {p.name: p for p in command.params if isinstance(p, click.Option) and p.name in LRS_VARIABLES}


@pytest.mark.parametrize("command", [xapi_command, report_command], ids=["xapi", "report"])
def test_the_lrs_and_its_credentials_come_from_the_same_variables(command: click.Command) -> None:
    assert {name: option.envvar for name, option in _options(command).items()} == LRS_VARIABLES


def test_credentials_say_the_same_help_in_both_commands() -> None:
    xapi, report = _options(xapi_command), _options(report_command)
    for name in ("user", "password", "token"):
        assert (xapi[name].opts, xapi[name].help) == (report[name].opts, report[name].help)
    assert xapi["endpoint"].opts == ["--endpoint"] and report["endpoint"].opts == ["--lrs"]


def test_both_keep_their_files_in_the_same_state_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert default_outbox() == tmp_path / "ehealth" / "xapi-outbox.sqlite3"
    assert default_store() == tmp_path / "ehealth" / "report.duckdb"
