"""The command line loads a subcommand's code only when that subcommand runs."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from ehealth_content.cli import SUBCOMMANDS, cli


def test_every_subcommand_resolves_and_has_help() -> None:
    runner = CliRunner()
    for name in SUBCOMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert isinstance(command, click.Command), name
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
    assert "Commands:" in runner.invoke(cli, ["--help"]).output


def test_version_imports_no_parser_packager_or_http() -> None:
    probe = (
        "import sys\n"
        "from ehealth_content.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'markdown_it', 'httpx', 'lxml', 'jinja2', 'yaml', 'packager', 'xapi', 'ehealth_content.loader'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]"), out


def test_unknown_subcommand_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["biuld"])
    assert result.exit_code == 2
