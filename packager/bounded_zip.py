"""Reading zips we did not write (``ehealth compat OLD.zip NEW.zip``) with bounded work.

A zip's headers are claims, not facts: a few kilobytes may inflate to gigabytes, declare a
small size and hold a large one, or list a million entries. So before ``zipfile`` parses
anything the central directory is measured (its size and entry count, from the end record),
and each entry is read as a stream that stops at a cap whatever its header says. Encrypted
entries, and compression methods this tool never writes, are refused before a byte is
inflated. Every refusal is an :class:`ArchiveError` with a one-line message.

    ValueError
     └── ArchiveError
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import Final

__all__ = [
    "MAX_CENTRAL_DIRECTORY",
    "MAX_ENTRIES",
    "MAX_ENTRY_BYTES",
    "MAX_TOTAL_BYTES",
    "ArchiveError",
    "BoundedZip",
    "read_file_capped",
]

MAX_ENTRIES: Final = 10_000
"""Entries in one archive: a course of many modules holds a few hundred."""
MAX_CENTRAL_DIRECTORY: Final = 2 * 1024 * 1024
"""Bytes of central directory, which ``zipfile`` parses whole into memory."""
MAX_ENTRY_BYTES: Final = 16 * 1024 * 1024
"""Uncompressed bytes of one entry read (a module's ``index.html`` is a few hundred kB)."""
MAX_TOTAL_BYTES: Final = 64 * 1024 * 1024
"""Uncompressed bytes read from one archive, all entries together."""

_END_RECORD: Final = struct.Struct("<4s4H2LH")
_END_SIGNATURE: Final = b"PK\x05\x06"
_ZIP64_MARK: Final = (0xFFFF, 0xFFFFFFFF)
_ZIP64_LOCATOR: Final = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE: Final = 20
_CHUNK: Final = 64 * 1024
_ENCRYPTED: Final = 0x1
_METHODS: Final = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})


class ArchiveError(ValueError):
    """The archive cannot be read within bounds, or is damaged; the message is one line."""


def _central_directory(path: Path) -> tuple[int, int]:
    """(entries, bytes) of the central directory, from the end record ``zipfile`` will use."""
    with path.open("rb") as stream:
        size = stream.seek(0, 2)
        # The end record is 22 bytes, then a comment of at most 65,535, and zipfile looks for
        # it as this does: at the very end first, else at the last signature in that span.
        tail_size = min(size, _END_RECORD.size + 0xFFFF)
        stream.seek(size - tail_size)
        tail = stream.read(tail_size)
    at = len(tail) - _END_RECORD.size
    if not (at >= 0 and tail.startswith(_END_SIGNATURE, at) and tail.endswith(b"\0\0")):
        at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END_RECORD.size:
        raise ArchiveError("not a zip archive (no end of central directory)")
    if at >= _ZIP64_LOCATOR_SIZE and tail.startswith(_ZIP64_LOCATOR, at - _ZIP64_LOCATOR_SIZE):
        # zipfile would take the directory's size and count from the zip64 record instead.
        raise ArchiveError("a zip64 archive: larger than any package ehealth builds")
    _, _, _, _, entries, directory_size, _, _ = _END_RECORD.unpack_from(tail, at)
    return entries, directory_size


class BoundedZip:
    """A zip opened for reading with caps on entries and on the bytes read out of it.

    Use as a context manager; :meth:`read` is the only way bytes come out.
    """

    def __init__(self, path: Path) -> None:
        entries, directory_size = _central_directory(path)
        if entries in _ZIP64_MARK or directory_size in _ZIP64_MARK:
            raise ArchiveError("a zip64 archive: larger than any package ehealth builds")
        if entries > MAX_ENTRIES:
            raise ArchiveError(f"{entries:,} entries: more than the {MAX_ENTRIES:,} a package may hold")
        if directory_size > MAX_CENTRAL_DIRECTORY:
            raise ArchiveError(
                f"a central directory of {directory_size:,} bytes: more than the "
                f"{MAX_CENTRAL_DIRECTORY:,} a package may have"
            )
        try:
            self._zip = zipfile.ZipFile(path)
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            ValueError,
            EOFError,
            struct.error,
            NotImplementedError,
        ) as exc:
            raise ArchiveError(f"damaged zip archive ({exc})") from exc
        # The end record's count may lie; what zipfile found is bounded by the directory size.
        if len(self._zip.infolist()) > MAX_ENTRIES:
            self._zip.close()
            raise ArchiveError(f"more than {MAX_ENTRIES:,} entries: more than a package may hold")
        self._read = 0

    def __enter__(self) -> BoundedZip:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._zip.close()

    def names(self) -> list[str]:
        return self._zip.namelist()

    def read(self, name: str) -> bytes:
        """The entry's bytes, refused if encrypted, of an unknown method, or over the caps."""
        info = self._zip.getinfo(name)
        shown = _shown(name)
        if info.flag_bits & _ENCRYPTED:
            raise ArchiveError(f"{shown}: encrypted entry: ehealth packages are never encrypted")
        if info.compress_type not in _METHODS:
            raise ArchiveError(
                f"{shown}: compression method {info.compress_type} is not one ehealth writes (stored or deflated)"
            )
        limit = min(MAX_ENTRY_BYTES, MAX_TOTAL_BYTES - self._read)
        if info.file_size > limit:
            raise ArchiveError(f"{shown}: {info.file_size:,} bytes once uncompressed, more than the {limit:,} allowed")
        chunks: list[bytes] = []
        size = 0
        try:
            # Never trust the header alone: the stream stops at the cap whatever it declared.
            with self._zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise ArchiveError(f"{shown}: more than {limit:,} bytes once uncompressed")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
            raise ArchiveError(f"{shown}: damaged entry ({exc})") from exc
        finally:
            self._read += size
        return b"".join(chunks)


def read_file_capped(path: Path, limit: int = MAX_ENTRY_BYTES) -> bytes:
    """A plain file's bytes, refused past ``limit`` (read up to it, whatever its size claims)."""
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ArchiveError(f"{_shown(str(path))}: more than {limit:,} bytes")
    return data


def _shown(name: str) -> str:
    # Entry names come from the archive: a 64 kB one would drown the message.
    return name if len(name) <= 200 else name[:200] + "…"
