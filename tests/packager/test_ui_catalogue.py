"""The player's words: one catalogue per language (``packager/strings.py``), French typography
in the French one, and no word written anywhere else (templates, runtime)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from packager.strings import CATALOGUES

PACKAGER = Path(__file__).parents[2] / "packager"
RUNTIME = sorted((PACKAGER / "runtime").glob("*.js"))
TEMPLATES = sorted((PACKAGER / "templates").glob("*.j2"))
NBSP, NNBSP = "\u00a0", "\u202f"
_LETTER = re.compile(r"[^\W\d_]")


def typography_faults(text: str) -> list[str]:
    """Where ``text`` breaks French typography: the space before ``: ; ? !`` and ``%`` and
    inside « », which must not break (U+00A0, or the narrow U+202F)."""
    faults = []
    for match in re.finditer(r"[:;?!»%]", text):
        before = text[match.start() - 1] if match.start() else ""
        # "?!" and "!!" take one space before the first mark only.
        if before not in (NBSP, NNBSP) and not (before in "?!" and match.group() in "?!"):
            faults.append(f"{match.group()!r} at {match.start()} needs a non-breaking space before it")
    for match in re.finditer("«", text):
        if text[match.end() : match.end() + 1] not in (NBSP, NNBSP):
            faults.append(f"'«' at {match.start()} needs a non-breaking space after it")
    return faults


@pytest.mark.parametrize(
    "text, faults",
    [
        (f"Score{NBSP}: 5{NBSP}%", 0),
        (f"Bravo{NNBSP}!", 0),
        ("Bravo !", 1),
        ("Score: 5 %", 2),
        (f"«{NBSP}oui{NBSP}»", 0),
        ("«oui »", 2),
        (f"Vraiment{NNBSP}?!", 0),
        (":", 1),
    ],
)
def test_typography_check_itself(text: str, faults: int) -> None:
    assert len(typography_faults(text)) == faults


@pytest.mark.parametrize("key", sorted(CATALOGUES["fr"]))
def test_every_french_string_follows_french_typography(key: str) -> None:
    assert typography_faults(CATALOGUES["fr"][key]) == []


def test_one_catalogue_per_language_with_the_same_words() -> None:
    assert sorted(CATALOGUES) == ["en", "fr"]
    assert set(CATALOGUES["fr"]) == set(CATALOGUES["en"])
    for lang, catalogue in CATALOGUES.items():
        assert all(text.strip() for text in catalogue.values()), lang
        # Placeholders are filled by the runtime: both languages must offer the same ones.
        for key, text in catalogue.items():
            assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", CATALOGUES["en"][key])), key


def _runtime_keys(source: str) -> set[str]:
    """Every catalogue key the runtime asks for: ``t("key")``, both sides of ``t(c ? "a" : "b")``,
    the verdicts passed as ``t(result.state)``, the navigation words and the status keys of ``onStatus``."""
    keys = set(re.findall(r"\bt\(\s*\"(\w+)\"", source))
    keys |= set(re.findall(r"onStatus\(\s*\"(\w+)\"", source))
    for pair in re.findall(r"(?:\bt|onStatus)\([^()]*?\?\s*\"(\w*)\"\s*:\s*\"(\w+)\"", source):
        keys |= set(pair) - {""}
    words = re.search(r"var words = \{([^}]*)\}", source)
    if words:
        keys |= set(re.findall(r":\s*\"(\w+)\"", words.group(1)))
    if "t(result.state)" in source:
        keys |= {"correct", "incorrect", "partial", "neutral"}
    return keys


def test_every_word_the_runtime_shows_is_in_both_catalogues() -> None:
    keys = set().union(*(_runtime_keys(path.read_text(encoding="utf-8")) for path in RUNTIME))
    assert {"submit", "score", "attempts_left", "correct", "no_lms", "no_launch", "offline", "sending"} <= keys
    assert keys - set(CATALOGUES["fr"]) == set()


# Places where a script would put words in front of the learner.
_SHOWN = re.compile(
    r"(?:\.(?:textContent|innerText|innerHTML|nodeValue|title|alt|placeholder)\s*=|"
    r"setAttribute\(\s*\"(?:aria-[\w-]+|title|alt|placeholder)\"\s*,|createTextNode\(|\b(?:alert|confirm|prompt)\()"
    r"\s*(?:\"([^\"]*)\"|'([^']*)')"
)


# Values of ARIA states (aria-hidden="true", aria-live="polite"): tokens, not words a learner reads.
_ARIA_TOKENS = frozenset({"true", "false", "polite", "assertive", "off"})


@pytest.mark.parametrize("path", RUNTIME, ids=lambda p: p.name)
def test_the_runtime_writes_no_word_of_its_own(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    literal = [
        m.group(0)
        for m in _SHOWN.finditer(source)
        if _LETTER.search(m.group(1) or m.group(2) or "") and (m.group(1) or m.group(2)) not in _ARIA_TOKENS
    ]
    assert literal == []
    # A catalogue of its own (a fallback copy) would drift from packager/strings.py.
    french = [text for text in CATALOGUES["fr"].values() if len(text) > 8 and "{" not in text]
    assert [text for text in french if text in source or text.encode("unicode_escape").decode() in source] == []


def test_the_check_finds_a_hard_coded_word() -> None:
    assert _SHOWN.search('box.textContent = "Bravo";')
    assert _SHOWN.search("el.setAttribute(\"aria-label\", 'Fermer')")


def _template_text(source: str) -> tuple[str, list[str]]:
    """Text left once jinja and markup are taken out, and literal values of worded attributes."""
    source = re.sub(r"\{#.*?#\}|\{%.*?%\}|<!--.*?-->|<!DOCTYPE[^>]*>", "", source, flags=re.DOTALL)
    attributes = re.findall(r"\b(?:aria-label|title|alt|placeholder)=\"([^\"]*)\"", source)
    worded = [a for a in attributes if _LETTER.search(re.sub(r"\{\{.*?\}\}", "", a))]
    text = re.sub(r"<[^>]*>|\{\{.*?\}\}", "", re.sub(r"<(script|style)\b.*?</\1>", "", source, flags=re.DOTALL))
    return text, worded


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_the_templates_write_no_word_of_their_own(path: Path) -> None:
    text, worded = _template_text(path.read_text(encoding="utf-8"))
    assert text.split() == []
    assert worded == []


def test_the_template_check_finds_a_hard_coded_word() -> None:
    assert _template_text("<p>{{ strings.x }} Bonjour</p>")[0].split() == ["Bonjour"]
    assert _template_text('<nav aria-label="Pages {{ n }}">')[1] == ["Pages {{ n }}"]


def test_the_loader_accepts_exactly_the_languages_the_player_speaks() -> None:
    from ehealth_content.front_matter import PLAYER_LANGUAGES

    assert sorted(CATALOGUES) == sorted(PLAYER_LANGUAGES)
