"""``ehealth compat`` on zips built to hurt: bombs, lying headers, entry floods, encrypted or
foreign entries. Each is refused in one line, exit 1, within 100 MB of memory.

The zips are written byte by byte here (``zipfile`` would not write a lie), and the bomb's
gigabyte is one deflate block repeated: a stream flushed with Z_FULL_FLUSH restarts with no
history, so the same 1 MiB of zeros compresses to the same bytes every time.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from packager.bounded_zip import MAX_CENTRAL_DIRECTORY, MAX_ENTRIES, MAX_ENTRY_BYTES

from .conftest import SMALL

REPO = Path(__file__).parents[2]
MEMORY_LIMIT = 100 * 1024 * 1024
MIB = 1024 * 1024
GIB = 1024 * MIB


@dataclass(frozen=True)
class Entry:
    name: str
    data: bytes
    """The bytes stored, compressed or not."""
    size: int
    """The uncompressed size the headers declare."""
    method: int = 8
    flags: int = 0
    crc: int = 0
    version: int = 20
    """The zip version needed to extract it (2.0 for deflate)."""


def _write_zip(path: Path, entries: list[Entry], *, declared_count: int | None = None) -> None:
    """A zip of ``entries`` exactly as given, headers and all (lies included)."""
    with path.open("wb") as out:
        directory = bytearray()
        for entry in entries:
            offset = out.tell()
            name = entry.name.encode()
            out.write(
                struct.pack(
                    "<4s5H3L2H",
                    b"PK\x03\x04",
                    entry.version,
                    entry.flags,
                    entry.method,
                    0,
                    0x21,
                    entry.crc,
                    len(entry.data),
                    entry.size,
                    len(name),
                    0,
                )
                + name
            )
            out.write(entry.data)
            directory += (
                struct.pack(
                    "<4s6H3L5H2L",
                    b"PK\x01\x02",
                    20,
                    entry.version,
                    entry.flags,
                    entry.method,
                    0,
                    0x21,
                    entry.crc,
                    len(entry.data),
                    entry.size,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + name
            )
        start = out.tell()
        out.write(directory)
        count = len(entries) if declared_count is None else declared_count
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0))


def _zeros_deflated(size_mib: int) -> bytes:
    """A raw deflate stream of ``size_mib`` MiB of zeros, about 1 kB per MiB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * size_mib + compressor.flush()


def _html(text: bytes = b"<!DOCTYPE html><html><body><p>hello</p></body></html>") -> Entry:
    return Entry("index.html", text, len(text), method=0, crc=zlib.crc32(text))


# Linux keeps a process's peak memory across exec, so a child forked from this (large) test
# process would report at least our size. A tiny process in between forks the real one.
_MEASURE = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss * 1024))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _compat(old: Path, tmp_path: Path) -> tuple[int, str, str, int]:
    """Run ``ehealth compat OLD SMALL`` in a process of its own: exit code, stdout, stderr and
    the process's peak resident memory in bytes."""
    peak = tmp_path / "peak.txt"
    # A generous upper bound so that a regression fails rather than hangs the suite.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            str(peak),
            sys.executable,
            "-m",
            "ehealth_content",
            "compat",
            str(old),
            str(SMALL),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout, result.stderr, int(peak.read_text())


def _assert_refused(result: tuple[int, str, str, int], reason: str) -> None:
    code, stdout, stderr, peak = result
    assert code == 1, stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: OLD: "), stderr
    assert reason in lines[0], lines[0]
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert peak < MEMORY_LIMIT, f"peak memory {peak / MIB:.0f} MiB"


def test_a_gigabyte_bomb_is_refused_from_its_declared_size(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    data = _zeros_deflated(1025)
    _write_zip(bomb, [Entry("index.html", data, 1025 * MIB)])
    assert bomb.stat().st_size < 2 * MIB
    _assert_refused(_compat(bomb, tmp_path), "index.html: 1,074,790,400 bytes once uncompressed, more than")


@pytest.mark.parametrize("declared", [1000, 12 * MIB])
def test_a_bomb_whose_header_lies_about_its_size_stops_at_the_cap(tmp_path: Path, declared: int) -> None:
    bomb = tmp_path / "liar.zip"
    _write_zip(bomb, [Entry("index.html", _zeros_deflated(1025), declared)])
    # Read as a stream: it stops where the header said, and the checksum gives the lie away.
    _assert_refused(_compat(bomb, tmp_path), "index.html: damaged entry (Bad CRC-32")


def test_a_web_folder_index_past_the_cap_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "web"
    folder.mkdir()
    with (folder / "index.html").open("wb") as index:
        index.truncate(GIB)  # sparse: a gigabyte on paper, nothing on disk
    code, stdout, stderr, peak = _compat(folder, tmp_path)
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [
        f"Error: OLD: {folder}: cannot read it as a package: "
        f"{folder / 'index.html'}: more than {MAX_ENTRY_BYTES:,} bytes"
    ]
    assert peak < MEMORY_LIMIT


def test_a_flood_of_entries_is_refused_before_parsing(tmp_path: Path) -> None:
    flood = tmp_path / "flood.zip"
    _write_zip(flood, [_html()] + [Entry(f"f{i}", b"", 0, method=0) for i in range(2 * MAX_ENTRIES)])
    _assert_refused(_compat(flood, tmp_path), f"20,001 entries: more than the {MAX_ENTRIES:,} a package may hold")


def test_an_entry_count_that_lies_is_caught_after_parsing(tmp_path: Path) -> None:
    flood = tmp_path / "flood.zip"
    _write_zip(flood, [_html()] + [Entry(f"f{i}", b"", 0, method=0) for i in range(2 * MAX_ENTRIES)], declared_count=1)
    _assert_refused(_compat(flood, tmp_path), f"more than {MAX_ENTRIES:,} entries")


def test_an_oversized_central_directory_is_refused(tmp_path: Path) -> None:
    flood = tmp_path / "flood.zip"
    _write_zip(
        flood, [_html()] + [Entry("x" * 300 + str(i), b"", 0, method=0) for i in range(9000)], declared_count=9001
    )
    _assert_refused(_compat(flood, tmp_path), f"bytes: more than the {MAX_CENTRAL_DIRECTORY:,} a package may have")


def test_an_encrypted_entry_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked.zip"
    entry = _html()
    _write_zip(locked, [Entry(entry.name, entry.data, entry.size, method=0, flags=0x1, crc=entry.crc)])
    _assert_refused(_compat(locked, tmp_path), "index.html: encrypted entry")


@pytest.mark.parametrize("method", [12, 14, 99])  # bzip2, LZMA (which we never write), AES
def test_an_unknown_compression_method_is_refused(tmp_path: Path, method: int) -> None:
    odd = tmp_path / "odd.zip"
    entry = _html()
    _write_zip(odd, [Entry(entry.name, entry.data, entry.size, method=method, crc=entry.crc)])
    _assert_refused(_compat(odd, tmp_path), f"index.html: compression method {method} is not one ehealth writes")


def test_an_entry_needing_a_future_zip_version_is_refused(tmp_path: Path) -> None:
    future = tmp_path / "future.zip"
    entry = _html()
    _write_zip(future, [Entry(entry.name, entry.data, entry.size, method=0, crc=entry.crc, version=88)])
    _assert_refused(_compat(future, tmp_path), "damaged zip archive (zip file version 8.8)")


def test_an_entry_name_with_a_line_break_is_not_read(tmp_path: Path) -> None:
    # A course zip's index pages sit one folder down; this one would split the error in two.
    broken = tmp_path / "broken.zip"
    entry = _html()
    _write_zip(broken, [Entry("evil\nline/index.html", entry.data, entry.size, method=0, crc=entry.crc + 1)])
    _assert_refused(_compat(broken, tmp_path), "no index.html in it")


def test_damaged_embedded_data_is_one_line(tmp_path: Path) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    page = b'<html><body><script id="ehealth-data" type="application/json">' + deep + b"</script></body></html>"
    nested = tmp_path / "nested.zip"
    _write_zip(nested, [_html(page)])
    _assert_refused(_compat(nested, tmp_path), "damaged embedded data (RecursionError")


def test_a_huge_count_in_the_embedded_data_is_refused(tmp_path: Path) -> None:
    data = (
        b'{"format": 1, "module": {"id": "m"}, "pages": [], "pools": [], "questions": '
        b'[{"id": "q", "type": "matching", "lefts": 1, "rights": 1000000000000}]}'
    )
    page = b'<html><body><script id="ehealth-data" type="application/json">' + data + b"</script></body></html>"
    counted = tmp_path / "counted.zip"
    _write_zip(counted, [_html(page)])
    _assert_refused(_compat(counted, tmp_path), "rights '1000000000000' is not a count from 0 to 1000")
