"""`ehealth coverage`: the framework in force, estimated learner time, items by kind."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ehealth_content.cli import cli

ROOT = Path(__file__).parents[2]
KINE = ROOT / "tests" / "fixtures" / "frameworks" / "kine"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["coverage", *args])
    return result.exit_code, result.stdout, result.stderr


def test_coverage_reports_against_the_modules_own_framework() -> None:
    code, out, _ = run(str(KINE))
    assert code == 0
    assert out.startswith("Framework: Compétences numériques en kinésithérapie (kine-numerique, ")
    assert "K1  Le dossier du patient au cabinet — 0.5 h in the framework" in out
    assert "K2  Le télésoin en kinésithérapie — 1 h in the framework" in out
    assert "D1" not in out and "28 h" not in out
    assert "Total: 1.5 h in the framework" in out


def test_coverage_shows_items_by_kind_per_competency_and_the_recall_share() -> None:
    _, out, _ = run(str(KINE))
    # From the review record ehealth.toml names: K1.1 has one item of each kind.
    assert "  K1.1     3 q     3 pts  (recall 1 · application 1 · case 1)  Tenir le bilan" in out
    assert "  K2.1     2 q     2 pts  (recall 0 · application 0 · case 2)  Décider" in out
    assert "recall 1/4 = 25 %" in out and "<< recall above 10 %" in out
    assert "Recall: 1/6 scored items = 17 % (aim ≤ 10 % per module)" in out


def test_coverage_prints_estimated_hours_per_module_against_its_domain() -> None:
    _, out, _ = run(str(KINE))
    line = next(line for line in out.splitlines() if line.startswith("  k1-dossier: estimated "))
    # Four items (multiple 2 + single 1.5 + truefalse 0.75 + single 1.5 = 5.75 min) and 48 words
    # at 140 a minute: 6 minutes of the domain's half hour.
    assert line.startswith("  k1-dossier: estimated 6 min of 0.5 h = 20 % (reading ")
    assert "4 items 6 min" in line and "<< time below 90 % of the domain's hours" in line


def test_coverage_json_carries_the_framework_kinds_and_time() -> None:
    code, out, _ = run(str(KINE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["framework"]["id"] == "kine-numerique" and data["framework"]["provisional"] is True
    assert data["hours"] == 1.5 and data["reviewed"] is True
    k1 = data["domains"][0]
    assert k1["id"] == "K1" and k1["hours"] == 0.5
    assert k1["competencies"][0]["kinds"] == {"recall": 1, "application": 1, "case": 1}
    modules = {m["id"]: m for m in data["modules"]}
    assert modules["k1-dossier"]["kinds"] == {"recall": 1, "application": 1, "case": 2}
    assert modules["k1-dossier"]["scored"] == 4 and modules["k1-dossier"]["recall_share"] == 0.25
    assert 5 < modules["k1-dossier"]["estimated_minutes"] < 7
    assert k1["estimated_minutes"] == modules["k1-dossier"]["estimated_minutes"]


def test_modules_of_different_frameworks_are_covered_one_at_a_time() -> None:
    code, _, err = run(str(KINE), str(ROOT / "modules" / "d1-donnees-de-sante"))
    assert code == 2
    assert "different competency frameworks (kine-numerique, socle-numerique-sante)" in err


def test_without_a_review_record_the_kinds_say_so(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "module.md").write_text((KINE / "k1-dossier" / "module.md").read_text(encoding="utf-8"))
    (tmp_path / "referentiel.yaml").write_text((KINE / "referentiel-kine.yaml").read_text(encoding="utf-8"))
    (tmp_path / "ehealth.toml").write_text('framework = "referentiel.yaml"\n')
    code, out, _ = run(str(tmp_path))
    assert code == 0
    assert "(recall 0 · application 3 · case 0)" in out
    assert "4 not in the review record" in out
    assert out.rstrip().splitlines()[-2].endswith("no review record: only dossiers progressifs are told apart")


def test_the_curriculum_is_reported_with_its_review_record() -> None:
    code, out, _ = run(str(ROOT / "modules"))
    assert code == 0
    assert "Framework: Socle de connaissances et de compétences en santé numérique" in out
    assert "no review record" not in out and "not in the review record" not in out
    for module in ("d1-donnees-de-sante", "d2-cybersecurite", "d3-communication", "d4-outils-numeriques"):
        assert f"  {module}: estimated " in out


def test_the_review_record_reads_french_and_english_kinds_under_module_headings() -> None:
    from ehealth_content.review_record import parse_review_record

    record = parse_review_record(
        "## m1\n\n| Question | C | Nature |\n|---|---|---|\n"
        "| `a` | D1.1 | rappel | garder | x |\n| `b` | D1.1 | notion | garder | x |\n"
        "| `c` | D1.1 | Cas | garder | x |\n| `d` | D1.1 | inconnu | garder | x |\n"
        "## `m2`\n| `a` | K1.1 | recall |\n| `e` | K1.1 | application |\n| `f` | K1.1 | case |\n"
    )
    assert dict(record.kinds) == {
        ("m1", "a"): "recall",
        ("m1", "b"): "application",
        ("m1", "c"): "case",
        ("m2", "a"): "recall",
        ("m2", "e"): "application",
        ("m2", "f"): "case",
    }


def test_an_item_of_a_dossier_progressif_is_a_case_whatever_the_record_says() -> None:
    from ehealth_content import load_module
    from ehealth_content.review_record import ReviewRecord, item_kind

    module, _ = load_module(KINE / "k1-dossier" / "module.md")
    assert module is not None
    question = module.questions[0]
    record = ReviewRecord({(module.id, question.id): "recall"})
    assert item_kind(module, question, record) == "recall"
    assert item_kind(module, question, None) is None

    class Case:
        id = question.id
        type = "case"

    assert item_kind(module, Case(), record) == "case"  # type: ignore[arg-type]
