"""Replacing the authors' estimated TCS panels with the answers of a real panel of experts.

The method is that of Fournier, Demeester & Charlin (2008): each expert answers the same items
alone, and each scale point is credited with its count over the modal count (what
:mod:`.question_types.tcs` already scores). Here: the items of some modules (:func:`tcs_items`),
a questionnaire to send to every expert (:func:`questionnaire_csv`), the filled forms read back
whatever a spreadsheet did to them (:func:`read_form`, :func:`parse_form`), the counts per item
(:func:`aggregate`), and the source rewritten on the ``panel:`` lines only (:func:`rewrite_panels`).

Everything but :func:`read_form` is pure: bytes or text in, data and diagnostics out, nothing
raised for a bad form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, diagnostic
from .i18n import Message, t
from .model import Module, ScriptConcordanceQuestion
from .question_types.tcs import MIN_PANEL, POINTS

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_FORM_BYTES",
    "MAX_ROWS",
    "RECOMMENDED_PANEL",
    "Answer",
    "Form",
    "ItemResult",
    "PanelItem",
    "aggregate",
    "decode_form",
    "modal_points",
    "parse_form",
    "questionnaire_csv",
    "read_form",
    "rewrite_panels",
    "tcs_items",
    "too_split",
]

MAX_FORM_BYTES = 4 * 1024 * 1024
"""A form of 61 items is some 30 kB: anything past a few MB is not a form."""
MAX_ROWS = 10_000
MAX_COLUMNS = 200
MAX_CELLS = 100_000
"""A form has a row per item and a dozen columns (61 items: some 900 cells): past these it is not a form, and reading on
would only cost time and memory."""
RECOMMENDED_PANEL = 10
"""Charlin et al. (Med Educ 2006) found reliability rising clearly from 5 to 10 panel members and
little past 20; Dory, Gagnon, Vanpee & Charlin's review (Med Educ 2012) recommends 10 to 20."""


@dataclass(frozen=True, slots=True)
class PanelItem:
    """A TCS item as the panel sees it, and where its ``panel:`` line is in its source."""

    file: str
    module: str
    lang: str
    id: str
    kind: str
    vignette: str
    hypothesis: str
    information: str
    labels: tuple[str, ...]
    panel: tuple[int, ...]
    fence_line: int
    panel_line: int | None
    """1-based line of ``panel: [a, b, c, d, e]``; None when the panel is written another way."""


@dataclass(frozen=True, slots=True)
class Answer:
    module: str | None
    """As written in the form's module column; None without one."""
    id: str
    point: int | None
    """0 for -2 … 4 for +2; None when the expert left the item blank (abstained)."""
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Form:
    file: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True, slots=True)
class ItemResult:
    item: PanelItem
    counts: tuple[int, ...]
    """How many experts chose each point; all zero when none answered."""

    @property
    def answered(self) -> int:
        return sum(self.counts)

    @property
    def usable(self) -> bool:
        """Enough answers for ``ehealth check`` to accept the panel (E452)."""
        return self.answered >= MIN_PANEL


# --- the items -------------------------------------------------------------------------------

_PANEL_LINE = re.compile(r"^(?P<head>[ \t]*panel[ \t]*:[ \t]*\[)(?P<body>[^\]\r\n]*)(?P<tail>\].*)$", re.DOTALL)
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> list[str]:
    # Line breaks as the loader counts them (CRLF, CR or LF), each line keeping its own.
    return _LINE.findall(text)


def tcs_items(module: Module, text: str) -> list[PanelItem]:
    """The TCS items of ``module`` in the module's order; ``text`` is its source as loaded."""
    lines = _lines(text)
    items: list[PanelItem] = []
    for question in module.questions:
        if not isinstance(question, ScriptConcordanceQuestion):
            continue
        items.append(
            PanelItem(
                file=str(module.source_path),
                module=module.id,
                lang=module.lang,
                id=question.id,
                kind=question.kind,
                vignette=question.prompt.plain,
                hypothesis=question.hypothesis.plain,
                information=question.information.plain,
                labels=tuple(label.plain for label in question.labels),
                panel=question.panel,
                fence_line=question.span.line,
                panel_line=_panel_line(lines, question),
            )
        )
    return items


def _panel_line(lines: list[str], question: ScriptConcordanceQuestion) -> int | None:
    first = question.span.line  # the fence
    last = question.span.end_line or first
    body = [(number, lines[number - 1]) for number in range(first + 1, min(last, len(lines) + 1))]
    keys = [line for _, line in body if line.strip() and not line.lstrip().startswith("#")]
    if not keys:
        return None
    # A key of the block, not a line of a block scalar that happens to start with "panel:".
    indent = len(keys[0]) - len(keys[0].lstrip(" \t"))
    found = [
        number
        for number, line in body
        if (match := _PANEL_LINE.match(line)) is not None
        and len(line) - len(line.lstrip(" \t")) == indent
        and _numbers(match["body"]) == question.panel
    ]
    return found[0] if len(found) == 1 else None


def _numbers(body: str) -> tuple[int, ...] | None:
    parts = [part.strip() for part in body.split(",")]
    if not all(part.isascii() and part.isdigit() for part in parts):
        return None
    return tuple(int(part) for part in parts)


# --- the questionnaire -----------------------------------------------------------------------

_HEADERS = {
    "fr": (
        "module",
        "id",
        "vignette",
        "hypothèse",
        "nouvelle information",
        "échelle −2",
        "échelle −1",
        "échelle 0",
        "échelle +1",
        "échelle +2",
        "réponse (-2 à +2)",
        "commentaire (facultatif)",
    ),
    "en": (
        "module",
        "id",
        "vignette",
        "hypothesis",
        "new information",
        "scale −2",
        "scale −1",
        "scale 0",
        "scale +1",
        "scale +2",
        "answer (-2 to +2)",
        "comment (optional)",
    ),
}
_INSTRUCTIONS = {
    "fr": (
        "Questionnaire du panel d'experts (test de concordance de script).",
        "Répondez seul·e, sans documentation ni échange avec d'autres membres du panel : c'est votre "
        "jugement de praticien·ne qui est attendu, il n'y a pas de bonne réponse unique.",
        "Pour chaque ligne : lisez la vignette, supposez l'hypothèse, puis dites ce que devient cette "
        "hypothèse une fois connue la nouvelle information.",
        "Écrivez un seul nombre de -2 à +2 dans la colonne « réponse » (les colonnes « échelle » disent "
        "ce que veut dire chaque nombre). Laissez la case vide si l'item sort de votre champ.",
        "Ne changez ni les colonnes ni les identifiants, enregistrez au format CSV et renvoyez le fichier.",
    ),
    "en": (
        "Expert panel questionnaire (script concordance test).",
        "Answer alone, without references and without talking with other panel members: your judgement "
        "as a practitioner is what is asked; there is no single right answer.",
        "For each row: read the vignette, assume the hypothesis, then say what becomes of it once the new "
        "information is known.",
        "Write one number from -2 to +2 in the 'answer' column (the 'scale' columns say what each number "
        "means). Leave it empty if the item is outside your field.",
        "Do not change the columns or the ids; save as CSV and send the file back.",
    ),
}


def _english(lang: str) -> bool:
    return lang.split("-")[0].lower() == "en"


def questionnaire_csv(items: Sequence[PanelItem], lang: str) -> bytes:
    """One form for one expert: instructions, then one row per item, the answer column empty.

    No panel in it: experts answer blind. French forms use ``;`` (the separator a French
    spreadsheet expects), English ones ``,``; both start with a UTF-8 byte-order mark, which
    is what makes Excel read UTF-8.
    """
    words = "en" if _english(lang) else "fr"
    separator = "," if words == "en" else ";"
    rows: list[Sequence[str]] = [(line,) for line in _INSTRUCTIONS[words]]
    rows.append(())
    rows.append(_HEADERS[words])
    for item in items:
        rows.append((item.module, item.id, item.vignette, item.hypothesis, item.information, *item.labels, "", ""))
    text = "".join(separator.join(_csv_cell(cell, separator) for cell in row) + "\r\n" for row in rows)
    return ("\ufeff" + text).encode("utf-8")


def _csv_cell(text: str, separator: str) -> str:
    # A cell a spreadsheet would read as a formula (=, +, -, @) is kept as text.
    if text[:1] in ("=", "+", "-", "@"):
        text = "'" + text
    if any(c in text for c in (separator, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


# --- reading the forms -----------------------------------------------------------------------


def read_form(path: Path) -> tuple[str | None, list[Diagnostic]]:
    """A form's text, or why it cannot be read (E701). Bounded: never reads past MAX_FORM_BYTES."""
    file = str(path)
    try:
        if not path.is_file():
            return None, [_unreadable(file, t("not a file"))]
        with path.open("rb") as stream:
            data = stream.read(MAX_FORM_BYTES + 1)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        return None, [_unreadable(file, t("cannot read the file: {reason}", reason=reason))]
    return decode_form(data, file)


def _unreadable(file: str, why: Message) -> Diagnostic:
    return diagnostic("E701", "error", t("cannot read this form: {why}", why=why), file, 1, 1)


def decode_form(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """The text of a form saved by a spreadsheet: UTF-8 (with or without BOM), UTF-16 with a BOM
    ("Unicode text"), else Windows-1252, the encoding of a CSV saved by a French Excel."""
    if len(data) > MAX_FORM_BYTES:
        return None, [_unreadable(file, t("file too large (more than {limit:,} bytes)", limit=MAX_FORM_BYTES))]
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None, [
            _unreadable(file, t("this is a spreadsheet file (.xlsx, .xls or .ods): save it as CSV and import that"))
        ]
    text: str | None = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
    elif b"\x00" not in data:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        return None, [_unreadable(file, t("not text: expected a CSV file in UTF-8 or Windows-1252"))]
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), []


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    line: int
    column: int


def _table(text: str, separator: str) -> tuple[list[list[_Cell]], _Cell | None, bool]:
    """Rows of cells with their positions (CSV as spreadsheets write it), the first quote left
    open if any, and whether reading stopped at MAX_ROWS, MAX_COLUMNS or MAX_CELLS. ``text`` has LF line
    endings."""
    sep = re.escape(separator)
    quoted = re.compile(rf'"(?P<q>[^"]*(?:""[^"]*)*)"(?P<tail>[^{sep}\n]*)')
    plain = re.compile(rf"[^{sep}\n]*")
    rows: list[list[_Cell]] = []
    row: list[_Cell] = []
    position, line, line_start, cells = 0, 1, 0, 0
    while position <= len(text):
        column = position - line_start + 1
        if text.startswith('"', position):
            match = quoted.match(text, position)
            if match is None:
                return rows + ([row] if row else []), _Cell("", line, column), False
            value = match["q"].replace('""', '"') + match["tail"]
            newlines = match.group(0).count("\n")
            cell = _Cell(value, line, column)
            if newlines:
                line += newlines
                line_start = match.start() + match.group(0).rfind("\n") + 1
        else:
            match = plain.match(text, position)
            assert match is not None  # the pattern matches the empty string
            cell = _Cell(match.group(0), line, column)
        row.append(cell)
        cells += 1
        if len(row) > MAX_COLUMNS or len(rows) >= MAX_ROWS or cells > MAX_CELLS:
            return rows, None, True
        position = match.end()
        if position < len(text) and text[position] == separator:
            position += 1
            continue
        rows.append(row)
        row = []
        if position >= len(text):
            break
        position += 1  # the line break
        line += 1
        line_start = position
    return rows, None, False


def _norm(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").split()).casefold()


def _header(rows: list[list[_Cell]]) -> tuple[int, int, int, int | None] | None:
    """(row index, id column, answer column, module column or None) of the header row."""
    for index, row in enumerate(rows):
        names = [_norm(cell.text) for cell in row]
        ids = [i for i, name in enumerate(names) if name == "id"]
        answers = [i for i, name in enumerate(names) if name.startswith(("réponse", "reponse", "answer"))]
        if ids and answers:
            modules = [i for i, name in enumerate(names) if name == "module"]
            return index, ids[0], answers[0], modules[0] if modules else None
    return None


_DASHES = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-", "\u2014": "-"})
_POINT = re.compile(r"([+-]?)([0-2])(?:[.,]0*)?")


def _point(text: str) -> int | None | Message:
    """0 … 4 for -2 … +2, None for an empty cell, or what is wrong."""
    value = "".join(text.translate(_DASHES).split()).removeprefix("'")
    if not value:
        return None
    match = _POINT.fullmatch(value)
    if match is None:
        return t(
            "'{value}' is not a point of the scale: write -2, -1, 0, +1 or +2, or leave it empty", value=value[:40]
        )
    number = int(match[2]) * (-1 if match[1] == "-" else 1)
    return number + 2


def parse_form(text: str, file: str) -> tuple[Form | None, list[Diagnostic]]:
    """The answers of one expert's form (``text`` as :func:`decode_form` gives it)."""
    found = None
    for separator in (";", ",", "\t"):
        rows, open_quote, too_big = _table(text, separator)
        if too_big:
            limits = t(
                "more than {rows:,} rows, {columns:,} columns or {cells:,} cells: this is not a panel form",
                rows=MAX_ROWS,
                columns=MAX_COLUMNS,
                cells=MAX_CELLS,
            )
            return None, [_unreadable(file, limits)]
        header = _header(rows)
        if header is not None:
            found = rows, open_quote, header
            break
    if found is None:
        return None, [
            diagnostic(
                "E702",
                "error",
                t("no header row with the columns 'id' and 'réponse (-2 à +2)' (or 'answer'): is this a panel form?"),
                file,
                1,
                1,
                hint=t("make the form with 'ehealth panel export'"),
            )
        ]
    rows, open_quote, (start, id_column, answer_column, module_column) = found
    problems: list[Diagnostic] = []
    if open_quote is not None:
        problems.append(
            diagnostic(
                "E705", "error", t("a quote opened here is never closed"), file, open_quote.line, open_quote.column
            )
        )
    answers: list[Answer] = []
    seen: dict[tuple[str | None, str], int] = {}
    for row in rows[start + 1 :]:
        ident = row[id_column].text.strip() if id_column < len(row) else ""
        if not ident:
            continue
        module = (
            row[module_column].text.strip() or None if module_column is not None and module_column < len(row) else None
        )
        cell = row[answer_column] if answer_column < len(row) else _Cell("", row[-1].line, row[-1].column)
        point = _point(cell.text)
        if isinstance(point, Message):
            problems.append(diagnostic("E703", "error", point, file, cell.line, cell.column))
            continue
        key = (module, ident)
        if key in seen:
            problems.append(
                diagnostic(
                    "E704",
                    "error",
                    t(
                        "item '{id}' is answered twice in this form (first on line {line})",
                        id=ident[:80],
                        line=seen[key],
                    ),
                    file,
                    row[id_column].line,
                    row[id_column].column,
                )
            )
            continue
        seen[key] = row[id_column].line
        answers.append(Answer(module, ident, point, row[id_column].line, row[id_column].column))
    return Form(file, tuple(answers)), problems


# --- the new panels --------------------------------------------------------------------------


def modal_points(counts: Sequence[int]) -> frozenset[int]:
    """The points the most experts chose: what the learner sees as the key."""
    top = max(counts, default=0)
    return frozenset(i for i, count in enumerate(counts) if count == top) if top else frozenset()


def too_split(counts: Sequence[int]) -> bool:
    """A third of the answers or more on each side of the scale: the panel disagrees on the
    direction of the change, so the item measures no shared judgement and needs a review."""
    total = sum(counts)
    below, above = counts[0] + counts[1], counts[3] + counts[4]
    return total > 0 and 3 * min(below, above) >= total


def _show(counts: Sequence[int]) -> str:
    return "[" + ", ".join(str(count) for count in counts) + "]"


def aggregate(items: Sequence[PanelItem], forms: Iterable[Form]) -> tuple[list[ItemResult], list[Diagnostic]]:
    """The counts per item over every form, with warnings: unknown items (W701), items answered
    by fewer than RECOMMENDED_PANEL experts (W702) or by too few to be used at all (W705), a
    split panel (W703), and a change of the modal point (W704)."""
    by_key = {(item.module, item.id): item for item in items}
    by_id: dict[str, list[PanelItem]] = {}
    for item in items:
        by_id.setdefault(item.id, []).append(item)
    counts = {(item.module, item.id): [0] * len(POINTS) for item in items}
    notes: list[Diagnostic] = []
    modules = {item.module for item in items}
    for form in forms:
        other_modules: dict[str, Answer] = {}
        for answer in form.answers:
            if answer.module is not None and answer.module not in modules:
                # A questionnaire for several modules imported into one: one line per module.
                other_modules.setdefault(answer.module, answer)
                continue
            if answer.module is not None:
                target = by_key.get((answer.module, answer.id))
            else:
                same = by_id.get(answer.id, [])
                target = same[0] if len(same) == 1 else None
            if target is None:
                name = f"{answer.module} {answer.id}" if answer.module else answer.id
                message = t(
                    "unknown item '{id}': not a TCS item of the modules given; its answer is ignored", id=name[:120]
                )
                notes.append(diagnostic("W701", "warning", message, form.file, answer.line, answer.column))
            elif answer.point is not None:
                counts[(target.module, target.id)][answer.point] += 1
        for module, first in other_modules.items():
            message = t(
                "the answers for module '{module}' are ignored: it is not among the modules given", module=module[:120]
            )
            notes.append(diagnostic("W701", "warning", message, form.file, first.line, first.column))
    results = [ItemResult(item, tuple(counts[(item.module, item.id)])) for item in items]
    for result in results:
        notes.extend(_item_notes(result))
    return results, notes


def _item_notes(result: ItemResult) -> list[Diagnostic]:
    item = result.item
    where = (item.file, item.panel_line or item.fence_line, 1)
    notes: list[Diagnostic] = []
    if not result.usable:
        notes.append(
            diagnostic(
                "W705",
                "warning",
                t(
                    "'{id}': {count} expert(s) answered, fewer than the {least} a panel needs: its panel is kept",
                    id=item.id,
                    count=result.answered,
                    least=MIN_PANEL,
                ),
                *where,
            )
        )
        return notes
    if result.answered < RECOMMENDED_PANEL:
        notes.append(
            diagnostic(
                "W702",
                "warning",
                t(
                    "'{id}': {count} expert(s) answered; the TCS literature recommends at least {least} "
                    "(Charlin et al. 2006; Dory et al. 2012)",
                    id=item.id,
                    count=result.answered,
                    least=RECOMMENDED_PANEL,
                ),
                *where,
            )
        )
    if too_split(result.counts):
        notes.append(
            diagnostic(
                "W703",
                "warning",
                t(
                    "'{id}': the panel is split {counts}: a third or more of the experts on each side of the "
                    "scale; review the item (vignette, hypothesis, information) before using it",
                    id=item.id,
                    counts=_show(result.counts),
                ),
                *where,
            )
        )
    if modal_points(result.counts) != modal_points(item.panel):
        notes.append(
            diagnostic(
                "W704",
                "warning",
                t(
                    "'{id}': the modal point changes ({old} → {new}): the key learners see changes; check the "
                    "explanation and note it in the review record",
                    id=item.id,
                    old=_modes(item.panel),
                    new=_modes(result.counts),
                ),
                *where,
            )
        )
    return notes


def _modes(counts: Sequence[int]) -> str:
    return " / ".join(POINTS[i] for i in sorted(modal_points(counts))) or "–"


def rewrite_panels(text: str, panels: Mapping[int, tuple[int, ...]]) -> str:
    """``text`` with the ``panel:`` list on each given line (1-based) replaced; every other
    byte, line endings and the rest of those lines included, as it was."""
    lines = _lines(text)
    for number, counts in panels.items():
        match = _PANEL_LINE.match(lines[number - 1])
        if match is None:
            raise ValueError(f"line {number} holds no panel")
        body = ", ".join(str(count) for count in counts)
        lines[number - 1] = match["head"] + body + match["tail"]
    return "".join(lines)
