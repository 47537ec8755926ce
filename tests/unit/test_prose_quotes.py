"""Where a quoted YAML value ends, as the prose reader finds it: the jump from stop to stop
finds what reading every character finds (quotes doubled, escapes, values over several lines)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ehealth_content._prose import _ESCAPE_TABLE, _blank, _closing_quote, _indent, _quoted


def _character_by_character(lines: list[str], index: int, start: int, parent: int) -> tuple[int, int] | None:
    quote = lines[index][start]
    row, column = index, start + 1
    while row < len(lines):
        line = lines[row]
        if row > index and not _blank(line) and _indent(line) <= parent:
            return None
        while column < len(line):
            char = line[column]
            if quote == "'" and char == "'":
                if line[column + 1 : column + 2] == "'":
                    column += 2
                    continue
                return row, column
            if quote == '"' and char == "\\":
                column += 2
                continue
            if quote == '"' and char == '"':
                return row, column
            column += 1
        row, column = row + 1, 0
    return None


_LINE = st.lists(st.sampled_from(["'", '"', "\\", "''", '\\"', "a", " ", "é", "#", ":"]), max_size=10).map("".join)


@settings(max_examples=3000, derandomize=True)
@given(st.sampled_from(["'", '"']), _LINE, st.lists(_LINE, max_size=4), st.integers(0, 3))
def test_the_closing_quote_is_where_reading_every_character_finds_it(
    quote: str, first: str, rest: list[str], parent: int
) -> None:
    lines = ["k: " + quote + first, *rest]
    assert _closing_quote(lines, 0, 3, parent) == _character_by_character(lines, 0, 3, parent)


def test_doubled_quotes_and_escapes_do_not_close() -> None:
    assert _closing_quote(["k: 'l''équipe' # x"], 0, 3, 0) == (0, 13)
    assert _closing_quote(['k: "a \\" b" c'], 0, 3, 0) == (0, 10)
    assert _closing_quote(['k: "a', '   b\\\\" c', "x: 1"], 0, 3, 0) == (1, 6)
    assert _closing_quote(["k: 'a", "x: 'b'"], 0, 3, 0) is None


@settings(max_examples=1000, derandomize=True)
@given(st.text(alphabet=st.sampled_from([*"ab é\\\"'#:", "\u2028", "\u2029", "\x85"])) | st.text())
def test_a_value_is_escaped_for_double_quotes_whether_or_not_it_needs_it(text: str) -> None:
    assert _quoted(text) == text.translate(_ESCAPE_TABLE)
