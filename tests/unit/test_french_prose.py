"""Issue 14: French text is read as written, existing sources keep their meaning, and what is
truly ambiguous is an error that says what to write.

The diagnosed rows of the issue's table are fixtures in ``tests/fixtures/broken`` (code, line
and column pinned by their ``.expected``); this file checks what the model holds and the words
of the messages.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehealth_content import Module, load_module, load_text
from ehealth_content._prose import (
    FRONT_MATTER_PROSE,
    QUIZ_PROSE,
    ProseMap,
    ProseReading,
    read_prose,
    writes_unquoted,
)
from ehealth_content._yaml import load_yaml
from ehealth_content.model import LikertQuestion, SingleChoiceQuestion, TextQuestion, TrueFalseQuestion

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = datetime.date(2026, 11, 29)


def sources() -> list[Path]:
    """Every module source of the repository: the curriculum and every test fixture."""
    found = sorted((ROOT / "modules").glob("**/*.md")) + sorted((ROOT / "tests").glob("**/*.md"))
    return [p for p in found if "node_modules" not in p.parts]


# ----- existing sources keep their meaning --------------------------------------------------


@pytest.fixture
def plain_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read every value as plain YAML did before prose values existed."""
    monkeypatch.setattr("ehealth_content._yaml.read_prose", lambda text, schema: ProseReading(text))


def test_every_source_plain_yaml_reads_gives_the_same_model_when_read_as_prose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before: dict[Path, tuple[Module | None, list[str]]] = {}
    with monkeypatch.context() as patch:
        patch.setattr("ehealth_content._yaml.read_prose", lambda text, schema: ProseReading(text))
        for path in sources():
            module, diagnostics = load_module(path, today=TODAY)
            if module is not None:
                before[path] = (module, [str(d) for d in diagnostics])
    assert len(before) >= 10, "the curriculum and the valid fixtures at least"
    assert any("modules" in p.parts for p in before)
    for path, (module, diagnostics) in before.items():
        after, after_diagnostics = load_module(path, today=TODAY)
        assert after == module, path
        assert [str(d) for d in after_diagnostics] == diagnostics, path


def test_plain_yaml_cannot_read_the_french_fixture(plain_yaml: None) -> None:
    # The comparison above is not vacuous: without prose values the fixture below breaks.
    module, diagnostics = load_module(FIXTURES / "valid" / "french-typography.md", today=TODAY)
    assert module is None and {d.code for d in diagnostics} >= {"E103", "E401"}


# ----- the accepted rows of the table --------------------------------------------------------


def test_the_french_fixture_holds_the_text_as_written() -> None:
    module, diagnostics = load_module(FIXTURES / "valid" / "french-typography.md", today=TODAY)
    assert diagnostics == [] and module is not None
    assert module.title == "Éthique : les bases"
    assert module.description == "Le secret médical : ce qu'il protège, « qui » y est tenu, et pourquoi ?"
    assert module.reviewers == ("Dr Dominique Bernard : relecture",)
    assert [r.title for r in module.references] == [
        "Code de la santé publique : article L1110-4",
        "Rapport 2024 : « la confiance numérique »",
    ]
    truefalse, single, text, likert = module.questions
    assert isinstance(truefalse, TrueFalseQuestion)
    assert truefalse.prompt.source == "Attention : lisez la consigne avant de répondre !"
    assert truefalse.explanation is not None and truefalse.explanation.source == "Qu'est-ce qu'on fait aujourd'hui ?"
    assert (
        truefalse.feedback.correct is not None and truefalse.feedback.correct.source == "Exact : la consigne d'abord."
    )
    assert isinstance(single, SingleChoiceQuestion)
    assert [(c.text.source, c.correct) for c in single.choices] == [
        ("le délai est de 72 h : c'est l'article 33", True),
        ("« jamais » : aucune notification", False),
        ("5 % des cas #3", False),
    ]
    assert single.choices[2].feedback is not None and single.choices[2].feedback.source == "Non : relisez le cas n° 3."
    assert isinstance(text, TextQuestion) and text.prompt.source == "Le sigle « HDS » signifie : ?"
    assert isinstance(likert, LikertQuestion)
    assert likert.prompt.source == "*Important* : êtes-vous d'accord ?"
    assert "<em>Important</em>" in likert.prompt.html
    assert [s.source for s in likert.scale][1:3] == ["Plutôt : non", "Plutôt : oui"]


def test_french_call_out_and_type_names_are_the_english_ones() -> None:
    module, _ = load_module(FIXTURES / "valid" / "french-typography.md", today=TODAY)
    assert module is not None
    assert [q.type for q in module.questions] == ["truefalse", "single", "text", "likert"]
    html = "".join(b.html for b in module.pages[0].blocks if hasattr(b, "html"))
    assert 'class="callout callout-tip"' in html and 'class="callout callout-warning"' in html
    assert "Astuce" in html and "Attention" in html


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("vrai-faux", "truefalse"),
        ("Vrai/Faux", "truefalse"),
        ("choix unique", "single"),
        ("choix-multiple", "multiple"),
        ("échelle", "likert"),
        ("Single", "single"),
    ],
)
def test_type_aliases(written: str, kind: str) -> None:
    body = {
        "truefalse": "answer: true",
        "single": "choices:\n  - [x] a\n  - [ ] b",
        "multiple": "choices:\n  - [x] a\n  - [ ] b",
        "likert": "scale: [Non, Oui]",
    }[kind]
    source = (
        f"---\nid: m\ntitle: T\nversion: 1.0.0\n---\n\n# P\n\n```quiz\nid: q\ntype: {written}\nprompt: p\n{body}\n```\n"
    )
    module, diagnostics = load_text(source, today=TODAY)
    assert diagnostics == [] and module is not None
    assert module.questions[0].type == kind


# ----- messages of the diagnosed rows ---------------------------------------------------------


def diagnostics_of(name: str) -> list[str]:
    _, found = load_module(FIXTURES / "broken" / f"{name}.md", today=TODAY)
    return [f"{d.line}:{d.column} {d.code} {d.message} ({d.hint})" for d in found]


def test_a_tab_says_to_indent_with_spaces() -> None:
    for name in ("quiz-tab-indent", "front-matter-tab-indent"):
        [message] = diagnostics_of(name)
        assert "tab" in message and "spaces" in message
        assert "found character" not in message and "violates" not in message


def test_a_missing_fence_is_reported_at_its_block_naming_the_next_one() -> None:
    [message] = diagnostics_of("quiz-missing-fence-before-next")
    assert message.startswith("11:1 E410 ") and "line 19" in message and "'```'" in message


def test_ambiguous_quotes_say_what_to_write() -> None:
    double, single = diagnostics_of("quiz-quotes-inside-quotes")
    assert "« »" in double and "without the outer quotes" in double
    assert "twice" in single
    unclosed_double, unclosed_single = diagnostics_of("quiz-quote-not-closed")
    assert 'end the text with "' in unclosed_double and "never closed" in unclosed_double
    assert "end the text with '" in unclosed_single


def test_a_text_line_without_indentation_is_reported_at_itself_with_what_to_do() -> None:
    [message] = diagnostics_of("quiz-text-not-indented")
    assert message.startswith("15:1 E401 ") and "indent it" in message


def test_invalid_pool_members_count_as_present() -> None:
    assert not [m for m in diagnostics_of("pool-members-invalid") if "E414" in m]


def test_pools_that_lost_their_indentation_get_one_precise_message() -> None:
    [message] = diagnostics_of("pools-not-indented")
    assert "'cas-pratiques'" in message and "pools:" in message and "indent" in message


def test_near_misses_of_french_names_get_the_english_name() -> None:
    callout, qcm, truefalse = diagnostics_of("unknown-french-words")
    assert "did you mean 'tip'?" in callout
    assert "single" in qcm and "multiple" in qcm
    assert "did you mean 'truefalse'?" in truefalse


# ----- the reader itself ----------------------------------------------------------------------


def test_lines_and_value_columns_never_move() -> None:
    text = "prompt: Attention : lisez\nchoices:\n  - [x] oui : bien\n    sur deux lignes\n  - text: non\n"
    reading = read_prose(text, QUIZ_PROSE)
    assert reading.text.count("\n") == text.count("\n")
    for before, after in zip(text.split("\n"), reading.text.split("\n"), strict=True):
        assert before[: len(before) - len(before.lstrip())] == after[: len(after) - len(after.lstrip())]
    assert [(v.line, v.column, v.end_line, v.text) for v in reading.values] == [
        (0, 8, 0, "Attention : lisez"),
        (2, 4, 3, "[x] oui : bien sur deux lignes"),
        (4, 10, 4, "non"),
    ]


@pytest.mark.parametrize(
    "yaml_text",
    [
        "prompt: ~\n",
        "prompt: |\n  Texte : sur\n  deux lignes\n",
        "prompt: >-\n  Texte\n",
        'prompt: "Déjà : entre guillemets"\n',
        "prompt: 'C''est valide'\n",
        'prompt: "Sur\n  deux lignes"\n',
        "prompt: &a Texte\nexplanation: *a\n",
        "scale: [Non, Oui]\n",
        "choices:\n  - {text: a, correct: true}\n",
        "id: q1\npoints: 2\nanswer: true\n",
        "competency: D1.1\n",
    ],
)
def test_what_yaml_already_reads_is_left_alone(yaml_text: str) -> None:
    assert read_prose(yaml_text, QUIZ_PROSE).text == yaml_text


def test_a_comment_after_a_space_is_still_a_comment_but_a_hashtag_is_text() -> None:
    reading = read_prose("prompt: Texte  # à revoir\nexplanation: le #3 et #santé\n", QUIZ_PROSE)
    assert [v.text for v in reading.values] == ["Texte", "le #3 et #santé"]


def test_in_a_list_of_choices_only_a_choice_key_makes_a_mapping() -> None:
    reading = read_prose("choices:\n  - text : oui\n  - txet: typo\n  - Attention : non\n", QUIZ_PROSE)
    assert [v.text for v in reading.values] == ["oui", "Attention : non"]
    assert '- "Attention : non"' in reading.text and "- txet:" in reading.text


def test_front_matter_prose() -> None:
    text = "id: m\ntitle: Éthique : les bases\nversion: 1.0.0\nauthors:\n  - Dr Martin : relecture\n"
    reading = read_prose(text, FRONT_MATTER_PROSE)
    assert [v.text for v in reading.values] == ["Éthique : les bases", "Dr Martin : relecture"]
    assert "version: 1.0.0" in reading.text and "id: m\n" in reading.text


_LINE = st.text(alphabet=" \t-:'\"#[]{}|>&*!?%,ab\u00e9«»0", max_size=24)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(_LINE, max_size=12), st.sampled_from([QUIZ_PROSE, FRONT_MATTER_PROSE]))
def test_any_text_keeps_its_lines_and_never_crashes_the_loader(lines: list[str], schema: ProseMap) -> None:
    keys = ["prompt: ", "choices:", "  - ", "title: ", "feedback:", "  correct: ", ""]
    text = "\n".join(keys[i % len(keys)] + line for i, line in enumerate(lines))
    reading = read_prose(text, schema)
    assert reading.text.count("\n") == text.count("\n")
    load_yaml(text, prose=schema)


def test_a_key_indented_under_a_text_is_an_error_not_part_of_the_text() -> None:
    text = "choices:\n  - [x] texte\n    feedback: bravo\n  - [ ] autre\n"
    [problem] = read_prose(text, QUIZ_PROSE).problems
    assert (problem.line, problem.column) == (2, 4) and "'feedback:'" in problem.message.render("en")
    # French text on a continuation line is text: a space before the colon, or a capital.
    assert read_prose("prompt: Lisez\n  Attention : ceci\n  Remarque: cela\n", QUIZ_PROSE).problems == []


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=" :;!?'\"«»#[]{}|>&*%@`,-~abé019", min_size=1, max_size=20))
def test_writes_unquoted_is_true_only_when_the_text_reads_back(text: str) -> None:
    doc, problems = load_yaml(f"prompt: {text}\n", prose=QUIZ_PROSE)
    if writes_unquoted(text):
        assert problems == [] and doc is not None and doc.value == {"prompt": text}
