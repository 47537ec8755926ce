"""``ehealth xapi`` through click's CliRunner, against a MockTransport LRS."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from tests.xapi.worker import statement
from xapi import cli as cli_module
from xapi.cli import xapi_command
from xapi.client import LRS

REG = "ec531277-b57b-4c15-8d91-d292c5b2b8f7"


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Status codes the fake LRS gives, in order (then 200); requests are made through it."""
    queue: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        status = queue.pop(0) if queue else 200
        if status == 200 and request.method == "POST":
            # What an LRS answers a stored batch: the array of its ids.
            return httpx.Response(200, json=[s["id"] for s in json.loads(request.content)])
        return httpx.Response(status, text="fake answer")

    original = LRS.__init__

    def patched(self: LRS, *args: object, **kwargs: object) -> None:
        kwargs["transport"] = httpx.MockTransport(handler)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LRS, "__init__", patched)
    yield queue


def run(tmp_path: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    env = {
        "EHEALTH_LRS_ENDPOINT": "http://lrs.test/xAPI/",
        "EHEALTH_LRS_USER": "key",
        "EHEALTH_LRS_PASSWORD": "pw-secret",
        "EHEALTH_XAPI_OUTBOX": str(tmp_path / "o.db"),
    }
    result = CliRunner().invoke(xapi_command, list(args), input=stdin, env=env)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def test_send_array_from_stdin(tmp_path: Path, answers: list[int]) -> None:
    payload = json.dumps([statement(REG, n) for n in range(3)])
    code, out, _ = run(tmp_path, "send", "-", stdin=payload)
    assert code == 0
    assert "queued 3 statement(s)" in out and "delivered 3, dead-lettered 0, pending 0" in out
    code, out, _ = run(tmp_path, "status")
    assert code == 0 and "delivered  3" in out and "pending    0" in out


def test_send_invalid_prints_every_problem_and_queues_nothing(tmp_path: Path, answers: list[int]) -> None:
    bad = [
        statement(REG, 0),
        {"actor": {"mbox": "x"}, "verb": {"id": "v"}, "object": {"id": "o"}},
    ]
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad), encoding="utf-8")
    code, _, err = run(tmp_path, "send", str(source))
    assert code == 1
    assert "[1] $.actor.mbox: expected 'mailto:' and an email address, got 'x' [mbox]" in err
    assert "[1] $.verb.id:" in err and "[1] $.object.id:" in err
    assert "Error: 3 problem(s) found; nothing was queued" in err
    assert "Traceback" not in err
    assert "pending    0" in run(tmp_path, "status")[1]


def test_flush_leaves_statements_queued_when_lrs_is_down(tmp_path: Path, answers: list[int]) -> None:
    answers.extend([503] * 100)
    code, _, err = run(
        tmp_path,
        "send",
        "--flush-timeout",
        "0.3",
        "-",
        stdin=json.dumps(statement(REG, 1)),
    )
    assert code == 1 and "1 statement(s) still queued" in err
    answers.clear()
    code, out, _ = run(tmp_path, "flush")
    assert code == 0 and "delivered 1" in out


def test_dead_letters_then_retry_dead(tmp_path: Path, answers: list[int]) -> None:
    answers.append(403)
    code, _, err = run(tmp_path, "send", "-", stdin=json.dumps(statement(REG, 1)))
    assert code == 1 and "refused by the LRS" in err and "pw-secret" not in err
    code, out, _ = run(tmp_path, "status")
    assert "dead       1" in out and "HTTP 403: fake answer" in out
    code, out, _ = run(tmp_path, "retry-dead")
    assert code == 0 and "requeued 1" in out
    assert "pending    1" in run(tmp_path, "status")[1]


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        xapi_command,
        ["flush"],
        env={"EHEALTH_LRS_ENDPOINT": "", "EHEALTH_XAPI_OUTBOX": str(tmp_path / "o.db")},
    )
    assert result.exit_code == 2 and "no LRS endpoint" in result.stderr
    assert CliRunner().invoke(xapi_command, ["send"]).exit_code == 2


def test_bad_json_and_bad_endpoint_are_one_line_errors(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, "send", "-", stdin="{not json")
    assert code == 1 and err.startswith("Error: <stdin>: not JSON")
    result = CliRunner().invoke(
        xapi_command,
        ["--endpoint", "ftp://x", "flush"],
        env={"EHEALTH_XAPI_OUTBOX": str(tmp_path / "o.db")},
    )
    assert result.exit_code == 1 and "must be an http:// or https:// URL" in result.stderr


def test_unexpected_exceptions_become_one_line_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli_module.Outbox, "status", boom)
    run(tmp_path, "status")  # creates nothing: no outbox yet
    (tmp_path / "o.db").touch()
    code, _, err = run(tmp_path, "status")
    assert code == 1 and err.strip() == "Error: unexpected RuntimeError: disk on fire"


@pytest.mark.parametrize("variable", ["EHEALTH_LRS_PASSWORD", "EHEALTH_LRS_TOKEN"])
def test_credentials_with_a_line_break_are_refused_unseen(tmp_path: Path, variable: str) -> None:
    secret = "Tr4iling-s3cret"
    env = {
        "EHEALTH_LRS_ENDPOINT": "http://lrs.test/xAPI/",
        "EHEALTH_XAPI_OUTBOX": str(tmp_path / "o.db"),
        variable: secret + "\r",
    }
    if variable == "EHEALTH_LRS_PASSWORD":
        env["EHEALTH_LRS_USER"] = "key"
    result = CliRunner().invoke(xapi_command, ["flush"], env=env)
    assert result.exit_code == 1
    assert "contains a control character" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert secret not in result.output + result.stderr


def test_flush_now_ignores_a_long_retry_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    statuses = [503]

    def handler(request: httpx.Request) -> httpx.Response:
        if statuses:
            return httpx.Response(statuses.pop(0), headers={"Retry-After": "3000"})
        return httpx.Response(200, json=[s["id"] for s in json.loads(request.content)])

    original = LRS.__init__

    def patched(self: LRS, *args: object, **kwargs: object) -> None:
        kwargs["transport"] = httpx.MockTransport(handler)
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LRS, "__init__", patched)
    code, _, err = run(tmp_path, "send", "-", stdin=json.dumps(statement(REG, 1)))
    assert code == 1 and "HTTP 503" in err
    code, out, _ = run(tmp_path, "status")
    assert "next try   in " in out and "flush --now" in out
    code, out, _ = run(tmp_path, "flush", "--timeout", "1")
    assert code == 1 and "delivered 0" in out  # still inside the LRS's Retry-After
    code, out, _ = run(tmp_path, "flush", "--now")
    assert code == 0 and "delivered 1" in out
