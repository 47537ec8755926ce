"""Reading the real test LRS: only new statements on the next run, resuming an interrupted
listing from its saved ``more`` link, waiting as the LRS asks (429 Retry-After)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from ehealth_content.cli import cli
from tests.support.lrs import ERROR_500, PASS, TOO_MANY, FaultProxy, LRSUnavailableError, RunningLRS, running_lrs
from xapi.report import Credentials, LrsReadError, Store, read_lrs

from . import cohort

pytestmark = pytest.mark.lrs

AUTH = ("report-reader", "not-a-real-secret")


@pytest.fixture(scope="module")
def lrs() -> Iterator[RunningLRS]:
    try:
        with running_lrs() as server:
            yield server
    except LRSUnavailableError as exc:
        pytest.fail(str(exc), pytrace=False)


def post(lrs: RunningLRS, statements: list[dict[str, Any]]) -> None:
    answer = httpx.post(
        lrs.endpoint + "statements",
        json=statements,
        auth=AUTH,
        headers={"X-Experience-API-Version": "1.0.3"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


def fresh(statements: list[dict[str, Any]], tag: str) -> list[dict[str, Any]]:
    """The same statements with new ids, so that each test adds its own to the shared LRS."""
    import uuid

    return [dict(s, id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{tag}/{s['id']}"))) for s in statements]


def test_a_second_run_reads_only_the_new_statements(lrs: RunningLRS, tmp_path: Path) -> None:
    everything = fresh(cohort.statements(), "cli")
    first, later = everything[:30], everything[30:]
    post(lrs, first)
    runner = CliRunner()
    args = [
        "report",
        "--lrs",
        lrs.endpoint,
        "--user",
        AUTH[0],
        "--password",
        AUTH[1],
        "--store",
        str(tmp_path / "store.duckdb"),
        "--out",
        str(tmp_path / "out"),
        "--page-size",
        "7",
        "--retention-days",
        "0",
        "--modules",
        str(cohort.MODULE),
    ]
    run = runner.invoke(cli, args)
    assert run.exit_code == 0, run.output
    # The LRS is shared with other tests of this module: this one's statements were all new.
    assert "30 new" in run.output
    post(lrs, later)
    run = runner.invoke(cli, args)
    assert run.exit_code == 0, run.output
    assert f"LRS: {len(later)} statement(s) read" in run.output and f"{len(later)} new" in run.output
    run = runner.invoke(cli, args)
    assert "LRS: 0 statement(s) read in 1 page(s), 0 new" in run.output
    assert AUTH[1] not in run.output
    learners = (tmp_path / "out" / "learners.csv").read_text(encoding="utf-8")
    assert len(learners.splitlines()) == 1 + len(cohort.ANSWERS)
    assert "etu-1" not in learners, "pseudonyms only"


def test_an_interrupted_listing_resumes_where_it_stopped(lrs: RunningLRS, tmp_path: Path) -> None:
    with (
        Store.open(tmp_path / "s.duckdb", b"k" * 32) as store,
        FaultProxy(f"http://127.0.0.1:{lrs.port}", retry_after="3") as proxy,
    ):
        # Catch up with what other tests stored, then add this test's statements.
        read_lrs(store, proxy.endpoint(), Credentials(*AUTH), max_rate=1000)
        before = store.count()
        mine = fresh(cohort.statements(), "resume")
        post(lrs, mine)
        waits: list[float] = []
        proxy.script(PASS, PASS, ERROR_500)
        with pytest.raises(LrsReadError, match="500"):
            read_lrs(
                store,
                proxy.endpoint(),
                Credentials(*AUTH),
                page_size=10,
                batch=10,
                tries=1,
                max_rate=1000,
                sleep=waits.append,
            )
        assert store.count() == before + 20, "the two pages read were kept"
        assert store.cursor("lrs:" + proxy.endpoint()).more is not None
        proxy.script(TOO_MANY)
        got = read_lrs(
            store, proxy.endpoint(), Credentials(*AUTH), page_size=10, batch=10, max_rate=1000, sleep=waits.append
        )
        assert 3.0 in waits, "the LRS's Retry-After is obeyed"
        assert got.read == len(mine) - 20 and got.added == len(mine) - 20
        assert store.count() == before + len(mine)


def test_a_file_read_twice_adds_nothing_and_voided_statements_go(tmp_path: Path) -> None:
    statements = cohort.statements()
    path = tmp_path / "s.ndjson"
    path.write_text("\n".join(json.dumps(s) for s in statements) + "\n", encoding="utf-8")
    with Store.open(None, b"k" * 32) as store:
        assert store.ingest_file(path).added == len(statements)
        assert store.ingest_file(path).added == 0
        voiding = {
            "id": "0c4d1f5e-7d38-4c8e-9d7a-2f0c8f3d9a11",
            "actor": statements[0]["actor"],
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
            "object": {"objectType": "StatementRef", "id": statements[1]["id"]},
        }
        result = store.ingest_statements([voiding])
        assert (result.added, result.voided) == (0, 1)
        assert store.count() == len(statements) - 1


def test_bad_input_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"id": 1,', encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("nom,formation\nx,IFSI\n", encoding="utf-8")
    runner = CliRunner()
    base = ["report", "--store", str(tmp_path / "s.duckdb"), "--out", str(tmp_path / "out")]
    run = runner.invoke(cli, [*base, str(bad)])
    assert run.exit_code == 1 and "bad.json: not readable as xAPI statements" in run.output
    run = runner.invoke(cli, [*base, "--roster", str(roster)])
    assert run.exit_code == 1 and "roster.csv:1: no 'learner' column" in run.output
    run = runner.invoke(cli, [*base, "--as-of", "yesterday"])
    assert run.exit_code == 2


def test_credentials_in_the_url_are_used_but_never_stored_and_more_stays_home(tmp_path: Path) -> None:
    seen: list[str] = []
    statement = cohort.statements()[0]

    def lrs(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("Authorization", ""))
        more = "/xAPI/statements?c=2" if len(seen) == 1 else "https://elsewhere.example/xAPI/statements?c=3"
        return httpx.Response(200, json={"statements": [statement] if len(seen) == 1 else [], "more": more})

    with Store.open(tmp_path / "s.duckdb", b"k" * 32) as store:
        with pytest.raises(LrsReadError, match="leaves http://lrs.test/xAPI/"):
            read_lrs(
                store, "http://user:pa%20ss@lrs.test/xAPI", transport=httpx.MockTransport(lrs), batch=1, max_rate=1000
            )
        assert seen == ["Basic dXNlcjpwYSBzcw=="] * 2, "the URL's credentials, only to the LRS"
        assert store.count() == 1
        cursors = store.db.execute("SELECT source, more FROM cursors").fetchall()
    assert cursors == [("lrs:http://lrs.test/xAPI/", "/xAPI/statements?c=2")]
