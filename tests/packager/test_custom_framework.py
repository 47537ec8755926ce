"""Modules of a programme's own framework (tests/fixtures/frameworks/kine) build for every target,
and their answers are grouped under that framework, never under the socle's ids."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import lxml.html  # type: ignore[import-untyped, unused-ignore]
import pytest

from ehealth_content import Module, check
from ehealth_content.export import category_path, moodle_xml
from packager import build_package, render_index_html
from xapi.statements import Question, competency_iri, domain_iri

from .conftest import KINDS, build_kind

KINE = Path(__file__).parents[1] / "fixtures" / "frameworks" / "kine"
SMALL = Path(__file__).parent / "fixtures" / "small" / "module.md"
BASE = "https://formation.example.fr/xapi"


@pytest.fixture(scope="module")
def kine() -> list[Module]:
    return [check(KINE / name / "module.md") for name in ("k1-dossier", "k2-telesoin")]


def _data(html: str | bytes) -> dict[str, object]:
    found = json.loads(lxml.html.document_fromstring(html).get_element_by_id("ehealth-data").text)
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize("kind", [*KINDS, "cmi5", "xapi", "web"])
def test_every_module_of_the_programme_builds_for_every_target(kind: str, kine: list[Module], tmp_path: Path) -> None:
    for module in kine:
        result = build_kind(module, kind, tmp_path / module.id) if kind in KINDS else None
        if result is None:
            result = build_package(module, kind, tmp_path / module.id)
        if kind == "web":
            page = (result.path / "index.html").read_bytes()
        else:
            with zipfile.ZipFile(result.path) as archive:
                page = archive.read("index.html")
        data = _data(page)
        module_data = data["module"]
        assert isinstance(module_data, dict)
        assert module_data["framework"] == "kine-numerique"
        assert module_data["domain"] == module.domain


def test_a_socle_module_embeds_no_framework() -> None:
    module_data = _data(render_index_html(check(SMALL), "xapi"))["module"]
    assert isinstance(module_data, dict) and "framework" not in module_data


def test_the_runtime_puts_the_framework_in_the_grouping_iris() -> None:
    runtime = (Path(__file__).parents[2] / "packager" / "runtime" / "xapi.js").read_text(encoding="utf-8")
    assert 'if (data.module.framework) base += "/frameworks/" + segment(data.module.framework);' in runtime


def test_python_statements_use_the_same_iris() -> None:
    assert competency_iri(BASE, "K1.1", "kine-numerique") == f"{BASE}/frameworks/kine-numerique/competencies/K1.1"
    assert domain_iri(BASE + "/", "K1", "kine-numerique") == f"{BASE}/frameworks/kine-numerique/domains/K1"
    # The socle's IRIs are unchanged: reports already stored keep their meaning.
    assert competency_iri(BASE, "D1.1") == f"{BASE}/competencies/D1.1"


def test_learner_session_groups_answers_under_its_framework() -> None:
    from xapi.statements import LearnerSession

    session = LearnerSession(
        BASE, {"account": {"homePage": "https://x", "name": "a"}}, "k1-dossier", domain="K1", framework="kine-numerique"
    )
    statement = session.answered(Question("k1-partage", "choice", competency="K1.2"), "a")
    grouping = [a["id"] for a in statement["context"]["contextActivities"]["grouping"]]
    assert grouping[-2:] == [
        f"{BASE}/frameworks/kine-numerique/competencies/K1.2",
        f"{BASE}/frameworks/kine-numerique/domains/K1",
    ]


def test_moodle_categories_carry_the_programmes_labels(kine: list[Module]) -> None:
    assert category_path(kine[0], "K1.2").endswith("/K1.2 Partager le bilan avec le médecin prescripteur")
    data, _ = moodle_xml(kine)
    assert "K1.1 Tenir le bilan diagnostique kinésithérapique dans le dossier".encode() in data
