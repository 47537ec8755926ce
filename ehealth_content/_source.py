"""Reading a source file: bytes in, text or file-level diagnostics out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ._report import Reporter
from .i18n import t
from .model import Span

__all__ = ["SourceText", "read_source", "MAX_SOURCE_BYTES"]

# Twenty times the largest curriculum module (about 100 KiB); a bigger file is
# a mistake, and refusing it keeps `check` fast and bounded on whatever it is pointed at.
MAX_SOURCE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    path: Path
    text: str
    """Decoded, BOM removed, line endings normalised to LF."""


def read_source(path: Path, report: Reporter) -> SourceText | None:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            report.error(
                "E003",
                t("file too large ({size:,} bytes; at most {limit:,})", size=size, limit=MAX_SOURCE_BYTES),
                at=Span(1),
            )
            return None
        if not path.is_file():
            # /dev/zero or a pipe: no end, or no writer, to wait for.
            report.error("E001", t("cannot read the file: not a regular file"), at=Span(1))
            return None
        with path.open("rb") as stream:
            # The size stat gave is a claim: the file may grow while it is read.
            data = stream.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES:
            report.error("E003", t("file too large (more than {limit:,} bytes)", limit=MAX_SOURCE_BYTES), at=Span(1))
            return None
    except OSError as exc:
        report.error("E001", t("cannot read the file: {reason}", reason=exc.strerror or str(exc)), at=Span(1))
        return None
    return decode_source(path, data, report)


def decode_source(path: Path, data: bytes, report: Reporter) -> SourceText | None:
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        report.error("E002", t("binary file: a module is a UTF-8 Markdown text file"), at=Span(line))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        report.error(
            "E002",
            t("not valid UTF-8: byte 0x{byte:02x} cannot start a character", byte=data[exc.start]),
            at=Span(line, column),
            hint=t("save the file as UTF-8"),
        )
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(path, text)
