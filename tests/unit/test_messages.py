"""Every diagnostic can be read in French: each ``t()`` template has a French entry with the same
placeholders, no diagnostic is built from a bare string, and every broken fixture renders in
French with none of its English templates left."""

from __future__ import annotations

import ast
import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from ehealth_content import load_module, load_text
from ehealth_content.diagnostics import Diagnostic, format_diagnostic, format_diagnostic_pretty
from ehealth_content.i18n import Message, catalogue, placeholders, t
from ehealth_content.i18n.fr import FR

ROOT = Path(__file__).parents[2]
PACKAGES = ("ehealth_content", "packager")
FIXTURES = ROOT / "tests" / "fixtures"
TODAY = datetime.date(2026, 11, 29)


def _calls() -> Iterator[tuple[str, ast.Call]]:
    for package in PACKAGES:
        for file in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(file.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call):
                    yield f"{file.relative_to(ROOT)}:{node.lineno}", node


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _templates() -> dict[str, str]:
    found: dict[str, str] = {}
    for where, call in _calls():
        if _name(call) == "t" and call.args and isinstance(call.args[0], ast.Constant):
            found.setdefault(str(call.args[0].value), where)
    return found


def test_every_template_is_a_literal_string() -> None:
    # A template built at run time (an f-string, a variable) has no catalogue entry to find.
    bad = [
        where
        for where, call in _calls()
        if _name(call) == "t"
        and isinstance(call.func, ast.Name)
        and not (call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str))
    ]
    assert bad == []


def test_the_scan_sees_the_code() -> None:
    assert len(_templates()) > 150


def test_every_template_has_a_french_entry_with_the_same_placeholders() -> None:
    templates = _templates()
    missing = sorted(f"{where}: {template!r}" for template, where in templates.items() if template not in FR)
    assert missing == []
    different = sorted(
        f"{templates[english]}: {english!r}"
        for english in templates
        if english in FR and placeholders(FR[english]) != placeholders(english)
    )
    assert different == []


def test_the_catalogue_holds_no_stale_entry() -> None:
    assert sorted(set(FR) - set(_templates())) == []


def test_no_diagnostic_is_built_from_a_bare_string() -> None:
    # Diagnostic(...) outside diagnostics.py, or a reporter/field call given a str literal or
    # f-string, would bypass the catalogue. Allowed exceptions: none.
    bad: list[str] = []
    for where, call in _calls():
        name = _name(call)
        if name == "Diagnostic" and not where.startswith("ehealth_content/diagnostics.py"):
            bad.append(where)
        if name in ("error", "warning", "invalid") and isinstance(call.func, ast.Attribute):
            owner = ast.unparse(call.func.value)
            if "report" in owner or "fields" in owner:
                texts = [a for a in call.args[1:] if isinstance(a, (ast.JoinedStr, ast.Constant))]
                texts += [k.value for k in call.keywords if k.arg == "hint" and isinstance(k.value, ast.JoinedStr)]
                if any(isinstance(a, ast.JoinedStr) or isinstance(getattr(a, "value", None), str) for a in texts):
                    bad.append(where)
    assert bad == []


def _broken() -> list[Path]:
    return [p for kind in ("broken", "hostile", "valid") for p in sorted((FIXTURES / kind).glob("*.md"))]


def _messages(message: Message) -> Iterator[Message]:
    yield message
    for _, value in message.params:
        if isinstance(value, Message):
            yield from _messages(value)


def _english_left(diagnostic: Diagnostic) -> list[str]:
    """English templates of a diagnostic that rendered unchanged in French."""
    messages = [m for m in (diagnostic.text, diagnostic.hint_text) if m is not None]
    messages += [r.text for r in diagnostic.related if r.text is not None]
    left = []
    for message in messages:
        for part in _messages(message):
            words = part.template
            for name in placeholders(words):
                words = words.replace("{" + name + "}", "")
            if any(c.isalpha() for c in words) and catalogue("fr").get(part.template, part.template) == part.template:
                left.append(part.template)
    return left


@pytest.mark.parametrize("path", _broken(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_broken_fixture_reads_in_french(path: Path) -> None:
    _, diagnostics = load_module(path, today=TODAY)
    assert diagnostics or path.parent.name != "broken"
    for diagnostic in diagnostics:
        assert diagnostic.text is not None, diagnostic
        assert _english_left(diagnostic) == []
        french = diagnostic.in_language("fr")
        # The English message is kept for library users; the French one differs from it.
        assert french.message != diagnostic.message or not any(c.isalpha() for c in diagnostic.message)
        assert (french.line, french.column, french.code) == (diagnostic.line, diagnostic.column, diagnostic.code)


def test_an_unknown_key_reads_as_a_french_author_expects() -> None:
    _, diagnostics = load_module(FIXTURES / "broken" / "quiz-unknown-key.md", today=TODAY)
    (diagnostic,) = [d for d in diagnostics if d.code == "E405"]
    line = format_diagnostic(diagnostic, "fr")
    assert "clé « explanaton » inconnue pour une question « truefalse »" in line.replace("\u00a0", " ")
    assert "vouliez-vous dire\u202f?" not in line  # the suggestion names the key
    assert "vouliez-vous dire «\u00a0explanation\u00a0»\u202f?" in line
    assert "error E405" in line  # the prefix editors match stays the same


def test_french_typography_and_numbers() -> None:
    # No plain space before the high punctuation of any French template: a line never starts with it.
    for french in catalogue("fr").values():
        assert not any(f" {mark}" in french for mark in ":;?!%»"), french
        assert "« " not in french, french
    message = t("file too large ({size:,} bytes; at most {limit:,})", size=3_000_000, limit=2_097_152)
    assert message.render("en") == "file too large (3,000,000 bytes; at most 2,097,152)"
    assert message.render("fr") == "fichier trop gros (3\u202f000\u202f000 octets\u202f; au plus 2\u202f097\u202f152)"
    decimal = t("'points' must be positive, not {value}", value=-1.5)
    assert decimal.render("fr") == "«\u00a0points\u00a0» doit être positif, et non -1,5"


def test_pretty_output_labels_the_hint_in_french() -> None:
    _, diagnostics = load_module(FIXTURES / "broken" / "quiz-unknown-key.md", today=TODAY)
    (diagnostic,) = [d for d in diagnostics if d.code == "E405"]
    text = format_diagnostic_pretty(diagnostic, [], "fr")
    assert "= conseil\u00a0: vouliez-vous dire" in text


def test_english_is_what_it_always_was() -> None:
    # Library users read .message and .hint: they stay English, whatever the terminal.
    _, diagnostics = load_module(FIXTURES / "broken" / "quiz-unknown-key.md", today=TODAY)
    (diagnostic,) = [d for d in diagnostics if d.code == "E405"]
    assert diagnostic.hint == "did you mean 'explanation'?"
    assert diagnostic.in_language("en") == diagnostic


_HEAD = "---\nid: m\ntitle: T\nversion: 1.0.0\n---\n# P\n\n```quiz\nid: q\ntype: truefalse\n"
# Mistakes French authors make in a quiz block (issue 14): libyaml's words must all be translated.
_YAML_MISTAKES = {
    # Prose values are read as written (format doc §14): YAML's own mistakes show in other keys.
    "apostrophe in quotes": "prompt: P\npool: 'aujourd'hui'\nanswer: true\n",
    "tab indent": "prompt: P\n\tanswer: true\n",
    "tab before text": "prompt:\n\tP\nanswer: true\n",
    "unknown escape": 'prompt: "a \\q b"\nanswer: true\n',
    "undefined alias": "prompt: P\npool: *x\nanswer: true\n",
    "at sign": "prompt: P\npool: @home\nanswer: true\n",
    "unclosed quote": 'prompt: "abc\nanswer: true\n',
    "unclosed brace": "prompt: P\npool: {a: b\nanswer: true\n",
    "unclosed bracket": "prompt: P\npool: [a, b\nanswer: true\n",
    "second document": "prompt: P\n---\nanswer: true\n",
    "dash list in a mapping": "prompt: P\n- x\nanswer: true\n",
}


@pytest.mark.parametrize("name", sorted(_YAML_MISTAKES))
def test_yaml_mistakes_read_in_french(name: str) -> None:
    _, diagnostics = load_text(_HEAD + _YAML_MISTAKES[name] + "```\n")
    found = [d for d in diagnostics if d.code == "E401"]
    assert found
    for diagnostic in found:
        assert diagnostic.text is not None
        # "{text}" carries words libyaml wrote that the catalogue does not know.
        untranslated = [m for m in _messages(diagnostic.text) if m.template == "{text}"]
        assert untranslated == [], diagnostic.message
