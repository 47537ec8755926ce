"""The expert panel forms: what a spreadsheet writes is read back, counted per item, and put in
the source on the ``panel:`` lines only."""

from __future__ import annotations

import codecs
import textwrap
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ehealth_content import load_text
from ehealth_content.diagnostics import Diagnostic
from ehealth_content.tcs_panel import (
    MAX_FORM_BYTES,
    Answer,
    Form,
    PanelItem,
    aggregate,
    decode_form,
    modal_points,
    parse_form,
    questionnaire_csv,
    read_form,
    rewrite_panels,
    tcs_items,
    too_split,
)

HEADER_FR = (
    "module;id;vignette;hypothèse;nouvelle information;échelle −2;échelle −1;échelle 0;échelle +1;échelle +2;"
    "réponse (-2 à +2);commentaire (facultatif)"
)


def _module(lang: str = "fr", panel_line: str = "panel: [0, 1, 3, 8, 3]", newline: str = "\n") -> str:
    text = textwrap.dedent(
        f"""\
        ---
        id: m
        title: Module
        version: 1.0.0
        lang: {lang}
        ---

        # Page

        ```quiz
        id: a
        type: tcs
        prompt: Une vignette.
        hypothesis: une hypothèse
        information: une information
        PANEL_LINE
        ```

        ```quiz
        id: b
        type: tcs
        kind: treatment
        prompt: "=Une autre; vignette"
        hypothesis: un traitement
        information: un fait
        panel: [6, 0, 0, 0, 0]
        explanation: >-
          panel: [1, 2, 3, 4, 5] ici est du texte.
        ```
        """
    )
    return text.replace("PANEL_LINE", panel_line).replace("\n", newline)


def _items(text: str) -> list[PanelItem]:
    module, diagnostics = load_text(text, "m/module.md")
    assert module is not None, diagnostics
    return tcs_items(module, text)


def _form(rows: list[tuple[str, str, str]], separator: str = ";") -> str:
    lines = ["Consignes", "", HEADER_FR.replace(";", separator)]
    for module, ident, answer in rows:
        lines.append(separator.join([module, ident, "v", "h", "i", "a", "b", "c", "d", "e", answer, ""]))
    return "\n".join(lines) + "\n"


def _codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


# --- the items and the questionnaire -----------------------------------------------------------


def test_items_come_in_module_order_with_their_panel_line() -> None:
    items = _items(_module())
    assert [(i.id, i.panel, i.panel_line) for i in items] == [
        ("a", (0, 1, 3, 8, 3), 16),
        ("b", (6, 0, 0, 0, 0), 26),  # not the line of the explanation that starts with "panel:"
    ]
    assert items[1].labels[0] == "contre-indiqué"


def test_a_panel_written_as_a_block_list_has_no_line_to_rewrite() -> None:
    text = _module(panel_line="panel:\n  - 0\n  - 1\n  - 3\n  - 8\n  - 3")
    assert _items(text)[0].panel_line is None


def test_the_questionnaire_has_no_panel_and_french_headers() -> None:
    items = _items(_module())
    data = questionnaire_csv(items, "fr")
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    assert HEADER_FR + "\r\n" in text
    for item in items:
        # Experts answer blind: not a count of the current panel anywhere.
        assert str(list(item.panel)) not in text and "panel" not in text.split(HEADER_FR)[1]
    rows = text.split(HEADER_FR + "\r\n")[1].splitlines()
    assert rows[0] == "m;a;Une vignette.;une hypothèse;une information;fortement affaiblie;affaiblie;" + (
        "ni affaiblie ni renforcée;renforcée;fortement renforcée;;"
    )
    # A cell a spreadsheet would run as a formula is kept as text, a separator inside is quoted.
    assert rows[1].startswith('m;b;"\'=Une autre; vignette";')


def test_an_english_module_gets_english_headers_and_commas() -> None:
    text = questionnaire_csv(_items(_module(lang="en")), "en").decode("utf-8-sig")
    assert "module,id,vignette,hypothesis,new information,scale −2," in text
    assert "answer (-2 to +2),comment (optional)\r\n" in text


def test_a_blank_questionnaire_reads_back_as_every_item_abstained() -> None:
    items = _items(_module())
    text, problems = decode_form(questionnaire_csv(items, "fr"), "q.csv")
    assert problems == [] and text is not None
    form, problems = parse_form(text, "q.csv")
    assert problems == [] and form is not None
    assert [(a.module, a.id, a.point) for a in form.answers] == [("m", "a", None), ("m", "b", None)]


# --- reading the forms -------------------------------------------------------------------------


def test_what_spreadsheets_write_is_read() -> None:
    rows = [
        ("m", "a", "+1"),
        ("m", "b", "1"),
        ("m", "c", "-1"),
        ("m", "d", "\u22122"),
        ("m", "e", ""),
        ("m", "f", " 0 "),
    ]
    expected = [("a", 3), ("b", 3), ("c", 1), ("d", 0), ("e", None), ("f", 2)]
    for separator in (";", ",", "\t"):
        text = _form(rows, separator)
        for data in (
            text.encode("utf-8"),
            codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
            text.replace("\u2212", "-").encode("cp1252"),
            text.encode("utf-16"),
        ):
            decoded, problems = decode_form(data, "f.csv")
            assert problems == [] and decoded is not None
            form, problems = parse_form(decoded, "f.csv")
            assert problems == [] and form is not None, (separator, data[:20])
            assert [(a.id, a.point) for a in form.answers] == expected


def test_a_bad_answer_points_at_its_cell() -> None:
    form, problems = parse_form(_form([("m", "a", "+1"), ("m", "b", "3")]), "f.csv")
    assert form is not None and [(a.id, a.point) for a in form.answers] == [("a", 3)]
    [problem] = problems
    assert (problem.code, problem.line, problem.column) == ("E703", 5, len("m;b;v;h;i;a;b;c;d;e;") + 1)
    assert "'3'" in problem.message
    assert "n'est pas un point de l'échelle" in problem.in_language("fr").message


def test_form_errors() -> None:
    assert _codes(parse_form("just; some; text\n", "f.csv")[1]) == ["E702"]
    twice = parse_form(_form([("m", "a", "1"), ("m", "a", "2")]), "f.csv")[1]
    assert [(d.code, d.line) for d in twice] == [("E704", 5)]
    open_quote = parse_form(_form([("m", "a", "1")]) + 'm;"b;never closed\n', "f.csv")[1]
    assert [(d.code, d.line, d.column) for d in open_quote] == [("E705", 5, 3)]


def test_files_that_are_not_forms_are_refused(tmp_path: Path) -> None:
    assert _codes(decode_form(b"PK\x03\x04 rest of a zip", "f.xlsx")[1]) == ["E701"]
    assert "save it as CSV" in decode_form(b"PK\x03\x04", "f.xlsx")[1][0].message
    assert _codes(decode_form(b"a\x00b", "f.csv")[1]) == ["E701"]
    assert _codes(decode_form(b"\x81\x8d\x8f", "f.csv")[1]) == ["E701"]  # neither UTF-8 nor cp1252
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (MAX_FORM_BYTES + 1))
    text, problems = read_form(big)
    assert text is None and _codes(problems) == ["E701"]
    assert _codes(read_form(tmp_path)[1]) == ["E701"]
    assert _codes(read_form(tmp_path / "missing.csv")[1]) == ["E701"]


def test_a_huge_table_is_refused_without_reading_it_all() -> None:
    # Four million empty lines once took 28 s and 1.6 GB: a form is a few hundred cells.
    for text in ("\n" * 4_000_000, ";" * 4_000_000, "id;réponse\n" + "a;1\n" * 60_000):
        form, problems = parse_form(text, "f.csv")
        assert form is None and _codes(problems) == ["E701"]
        assert "not a panel form" in problems[0].message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_data_not_an_exception(data: bytes) -> None:
    text, problems = decode_form(data, "f.csv")
    if text is not None:
        form, more = parse_form(text, "f.csv")
        assert form is not None or more


_TOKENS = (
    "id",
    "réponse",
    "answer",
    "module",
    ";",
    ",",
    "\t",
    '"',
    '""',
    "\n",
    "\r",
    "+1",
    "\u2212",
    "2",
    "3",
    "x",
    " ",
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=80).map("".join))
def test_any_csv_like_text_gives_data_not_an_exception(text: str) -> None:
    decoded, _ = decode_form(text.encode("utf-8"), "f.csv")
    assert decoded is not None
    form, problems = parse_form(decoded, "f.csv")
    assert form is not None or problems
    for d in problems:
        assert d.line >= 1 and d.column >= 1


# --- counting ----------------------------------------------------------------------------------


def _answers(file: str, points: dict[str, int | None]) -> Form:
    return Form(file, tuple(Answer("m", ident, point, n + 5, 1) for n, (ident, point) in enumerate(points.items())))


def test_counts_per_item_and_the_warnings() -> None:
    items = _items(_module())
    forms = [_answers(f"e{n}.csv", {"a": 3, "b": 0 if n < 3 else None}) for n in range(12)]
    forms.append(
        Form(
            "e12.csv",
            (
                Answer(None, "a", 4, 5, 1),
                Answer("m", "zz", 1, 6, 1),
                Answer(None, "a", None, 7, 1),
                Answer("other", "x", 1, 8, 1),
                Answer("other", "y", 1, 9, 1),
            ),
        )
    )
    results, notes = aggregate(items, forms)
    assert [(r.item.id, r.counts, r.answered) for r in results] == [
        ("a", (0, 0, 0, 12, 1), 13),
        ("b", (3, 0, 0, 0, 0), 3),
    ]
    assert results[0].usable and not results[1].usable
    assert [(d.code, d.file, d.line) for d in notes] == [
        ("W701", "e12.csv", 6),  # an id no module given has
        ("W701", "e12.csv", 8),  # answers for a module not given: once per form and module
        ("W705", "m/module.md", 26),  # 3 answers: below the floor of `ehealth check`, kept
    ]


def test_few_experts_a_split_panel_and_a_new_key_are_flagged() -> None:
    items = _items(_module())
    points = [0, 0, 0, 4, 4, 4, 1]  # 3 on -2, 3 on +2: split; the modal point leaves +1
    results, notes = aggregate(items[:1], [_answers(f"e{n}.csv", {"a": p}) for n, p in enumerate(points)])
    assert results[0].counts == (3, 1, 0, 0, 3)
    assert _codes(notes) == ["W702", "W703", "W704"]
    assert all(d.line == 16 for d in notes)
    assert "(+1 → -2 / +2)" in notes[2].message
    assert "at least 10" in notes[0].message


def test_modal_points_and_split() -> None:
    assert modal_points((0, 1, 3, 8, 3)) == {3}
    assert modal_points((2, 0, 0, 0, 2)) == {0, 4}
    assert modal_points((0, 0, 0, 0, 0)) == set()
    assert too_split((4, 0, 0, 0, 4)) and too_split((0, 4, 4, 4, 0))
    assert not too_split((0, 1, 3, 8, 3)) and not too_split((0, 0, 0, 0, 0))


# --- rewriting ---------------------------------------------------------------------------------


def test_only_the_panel_lines_change_byte_for_byte() -> None:
    for newline in ("\n", "\r\n"):
        text = _module(panel_line="panel: [0, 1, 3, 8, 3]   # estimated", newline=newline)
        items = _items(text)
        new = rewrite_panels(
            text, {items[0].panel_line or 0: (1, 2, 3, 4, 5), items[1].panel_line or 0: (0, 0, 5, 0, 0)}
        )
        old_lines, new_lines = text.split(newline), new.split(newline)
        assert len(old_lines) == len(new_lines)
        changed = [(n + 1, b) for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
        assert changed == [(16, "panel: [1, 2, 3, 4, 5]   # estimated"), (26, "panel: [0, 0, 5, 0, 0]")]
        module, diagnostics = load_text(new, "m/module.md")
        assert module is not None, diagnostics
        assert [item.panel for item in tcs_items(module, new)] == [(1, 2, 3, 4, 5), (0, 0, 5, 0, 0)]
