"""Mutated module sources for robustness tests: whatever an author types, ``load`` never raises.

Shared by the hypothesis test (tests/unit/test_robustness.py) and the 100,000-case fuzz run
(benchmarks/fuzz_check.py). Mutations work on lines and bytes of real, valid sources, since
near-valid input reaches the deepest rules; a few fragments inject the shapes that break
parsers (deep nesting, aliases, odd YAML types, unclosed blocks, control characters).
"""

from __future__ import annotations

import random
from pathlib import Path

__all__ = ["FRAGMENTS", "SEED_SOURCES", "mutate", "seed_sources"]

ROOT = Path(__file__).parents[2]

FRAGMENTS: tuple[bytes, ...] = (
    b"---",
    b"```quiz",
    b"```",
    b":::",
    b"::: note",
    b"::: nope",
    b"# ",
    b"# T {#}",
    b"{#x}",
    b"id: q1",
    b"type: single",
    b"type: matching",
    b"type: numeric",
    b"type: ordering",
    b"type: likert",
    b"choices:",
    b'  - "[x] a"',
    b'  - "[ ] b"',
    b"  - {text: t, correct: yes}",
    b"pairs:",
    b"  - {left: a, right: b}",
    b"range: [3, 1]",
    b"tolerance: 5%",
    b"answer: .inf",
    b"points: -1",
    b"points: 1e309",
    b"attempts: 1.5",
    b"pool: p",
    b"pools: {p: {pick: 9}}",
    b"competency: D9.9",
    b"a: &x [*x]",
    b"b: *undefined",
    b"!!python/object:os.system ls",
    b"[" * 200,
    b"{" * 200,
    b"- " * 100,
    b"> " * 60,
    b"* " * 60,
    b"  " * 50,
    b"<script>alert(1)</script>",
    b"![](../../etc/passwd)",
    b"![x](http://evil/x.png)",
    b"[l](javascript:alert(1))",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r",
    b"\t",
    b"\x1b[0m",
    b"\xe2\x80\xa8",
    b"date: 2024-13-45",
    b"review_by: 0000-01-01",
    b"version: 01.0.0",
    b"? [complex, key]\n: value",
    b"%YAML 1.1",
    b"...",
    b"|",
    b">-",
    b"'",
    b'"',
    # Hostile sources (tests/fixtures/hostile): pages and scripts as media, bad paths, URLs that
    # browsers clean up, control characters through YAML escapes, numbers past every limit.
    b"[voir](media/evil.html)",
    b"![x](a%00b.png)",
    b"![x](" + b"a" * 300 + b".png)",
    b"![x](C:/x.png)",
    b"![x](\\\\evil.example/x.png)",
    b"![x](data:image/png;base64,AA)",
    b"[x](<java\tscript:x>)",
    b"[x](&#106;avascript:x)",
    b'<img src="ht&#9;tps://x/a.png" alt="a">',
    b'<a href="java&#x0A;script:x" target="_top">x</a>',
    b'description: "\\x01"',
    b'title: "a\\x1bb"',
    b'prompt: "\\x07"',
    b'  - "[x] a\\u0085"',
    b"duration: PT" + b"9" * 4400 + b"M",
    b"version: 1.0." + b"9" * 4400,
    b"points: " + b"9" * 4400,
    b"points: 0x" + b"F" * 1200,
    b"answer: " + b"9" * 400,
    b'tolerance: "' + b"9" * 400 + b'%"',
    b"attempts: " + b"9" * 40,
)


def seed_sources() -> list[bytes]:
    """Valid sources to mutate: test fixtures and the curriculum's modules."""
    paths = sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.md"))
    paths += sorted((ROOT / "modules").glob("*/module.md"))
    sources = [p.read_bytes() for p in paths]
    # Short seeds mutate into more varied shapes per case than 150 KiB modules do.
    return [s if len(s) < 20_000 else _excerpt(s) for s in sources]


def _excerpt(source: bytes) -> bytes:
    lines = source.split(b"\n")
    end = next((i for i, line in enumerate(lines[1:], 1) if line == b"---"), 0)
    return b"\n".join(lines[: end + 1] + lines[end + 1 : end + 120])


SEED_SOURCES = seed_sources()


def mutate(source: bytes, rng: random.Random) -> bytes:
    """Apply one to eight random edits to ``source``."""
    data = bytearray(source)
    for _ in range(rng.randint(1, 8)):
        _EDITS[rng.randrange(len(_EDITS))](data, rng)
    return bytes(data)


def _line_bounds(data: bytearray, rng: random.Random) -> tuple[int, int]:
    if not data:
        return 0, 0
    start = data.rfind(b"\n", 0, rng.randrange(len(data))) + 1
    end = data.find(b"\n", start)
    return start, len(data) if end < 0 else end


def _delete_line(data: bytearray, rng: random.Random) -> None:
    start, end = _line_bounds(data, rng)
    del data[start : end + 1]


def _duplicate_line(data: bytearray, rng: random.Random) -> None:
    start, end = _line_bounds(data, rng)
    data[start:start] = data[start : end + 1]


def _swap_lines(data: bytearray, rng: random.Random) -> None:
    a_start, a_end = _line_bounds(data, rng)
    line = bytes(data[a_start : a_end + 1])
    del data[a_start : a_end + 1]
    b_start, _ = _line_bounds(data, rng)
    data[b_start:b_start] = line


def _insert_fragment(data: bytearray, rng: random.Random) -> None:
    start, _ = _line_bounds(data, rng)
    data[start:start] = rng.choice(FRAGMENTS) + b"\n"


def _replace_line(data: bytearray, rng: random.Random) -> None:
    start, end = _line_bounds(data, rng)
    data[start:end] = rng.choice(FRAGMENTS)


def _indent(data: bytearray, rng: random.Random) -> None:
    start, _ = _line_bounds(data, rng)
    data[start:start] = b" " * rng.choice((1, 2, 3, 4, 8))


def _flip_byte(data: bytearray, rng: random.Random) -> None:
    if data:
        data[rng.randrange(len(data))] = rng.randrange(256)


def _truncate(data: bytearray, rng: random.Random) -> None:
    if data:
        del data[rng.randrange(len(data)) :]


def _splice_token(data: bytearray, rng: random.Random) -> None:
    if data:
        at = rng.randrange(len(data))
        data[at:at] = rng.choice(
            (
                b":",
                b"-",
                b"[",
                b"]",
                b"{",
                b"}",
                b"`",
                b"#",
                b"!",
                b"*",
                b"&",
                b"\n",
                b'"',
            )
        )


_EDITS = (
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _insert_fragment,
    _replace_line,
    _indent,
    _flip_byte,
    _truncate,
    _splice_token,
)
