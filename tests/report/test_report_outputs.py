"""Outputs and privacy: pseudonyms in every file, retention, both languages, Parquet, lazy DuckDB."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from xapi.report import (
    Settings,
    Store,
    load_or_create_key,
    pseudonym,
    read_roster,
    read_sources,
    write_report,
)
from xapi.report.roster import RosterError

from . import cohort

KEY = b"0123456789abcdef0123456789abcdef"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "store.duckdb", KEY)
    opened.ingest_file(cohort.write_statements(tmp_path / "statements.json"))
    return opened


def test_no_output_names_a_learner_unless_asked(store: Store, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(cohort.ROSTER, encoding="utf-8")
    modules, _ = read_sources([cohort.MODULE])
    entries = read_roster(roster, KEY)
    with store:
        result = write_report(
            store, tmp_path / "out", modules=modules, roster=entries, settings=Settings(as_of=cohort.AS_OF)
        )
        stored = store.db.execute("SELECT DISTINCT learner FROM statements ORDER BY 1").fetchall()
    assert sorted(x for (x,) in stored) == sorted(pseudonym(KEY, name) for name in cohort.ANSWERS)
    for path in [result.html, *result.files]:
        data = path.read_bytes()
        assert b"etu-" not in data, path
        assert b"lms.example.org" not in data, path
    assert (tmp_path / "store.duckdb").read_bytes().find(b"etu-1") < 0, "the store holds pseudonyms only"
    with duckdb.connect() as db:
        learners = db.execute(f"SELECT count(*) FROM '{tmp_path / 'out' / 'learners.parquet'}'").fetchall()
    assert learners == [(7,)]
    with Store.open(tmp_path / "store.duckdb", KEY) as again:
        identified = write_report(
            again,
            tmp_path / "named",
            modules=modules,
            roster=entries,
            settings=Settings(as_of=cohort.AS_OF, identify=True),
            lang="en",
        )
    html = identified.html.read_text(encoding="utf-8")
    assert "etu-7" in html and '<html lang="en">' in html and "Hours done" in html


def test_pseudonyms_are_a_keyed_hash(tmp_path: Path) -> None:
    key = load_or_create_key(tmp_path / "k")
    assert load_or_create_key(tmp_path / "k") == key and len(key) == 32
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
    assert pseudonym(key, "etu-1") != pseudonym(b"another key of 32 bytes at least", "etu-1")
    assert pseudonym(key, "etu-1") == pseudonym(key, "etu-1") != pseudonym(key, "etu-2")


def test_retention_deletes_old_statements(store: Store) -> None:
    with store:
        before = store.count()
        # etu-5's statements are a month old; the others are days old.
        gone = store.forget_before(cohort.AS_OF - dt.timedelta(days=10))
        assert gone == len([s for s in cohort.statements() if s["actor"]["account"]["name"] == "etu-5"])
        assert store.count() == before - gone


def test_roster_problems_point_at_their_line(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(
        "apprenant;formation;université;année\netu-1;IFSI;Lyon;2026\netu-1;IFSI;Lyon;2026\n", encoding="utf-8"
    )
    with pytest.raises(RosterError, match=r"r.csv:3: learner 'etu-1' is already on line 2"):
        read_roster(roster, KEY)
    roster.write_text("apprenant;formation\netu-1;IFSI\n", encoding="utf-8")
    assert [(e.ident, e.programme) for e in read_roster(roster, KEY)] == [("etu-1", "IFSI")]


def test_the_cli_does_not_load_duckdb_for_other_commands() -> None:
    code = (
        "import sys\nfrom ehealth_content.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('duckdb' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False")


def test_an_empty_store_still_gives_a_report(tmp_path: Path) -> None:
    with Store.open(None, KEY) as empty:
        result = write_report(empty, tmp_path / "out", settings=Settings(as_of=cohort.AS_OF), lang="en")
    assert "No scored answer yet." in result.html.read_text(encoding="utf-8")
    assert all(path.stat().st_size > 0 for path in result.files)
