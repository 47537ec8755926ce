"""The pixel size of an image, read from its header: PNG, JPEG, GIF, WebP and SVG.

Hotspot zones are written in the image's own pixels, so their bounds are checked against the
size the file says; nothing is decoded beyond the header.
"""

from __future__ import annotations

import re
import struct

__all__ = ["image_size"]

_SVG_LENGTH = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*")
_SVG_ATTRIBUTE = r"""\b{name}\s*=\s*["']([^"']*)["']"""
_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels, or None when the header does not say (or is not an image)."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
            return _positive(width, height)
        if data.startswith((b"GIF87a", b"GIF89a")):
            width, height = struct.unpack("<HH", data[6:10])
            return _positive(width, height)
        if data.startswith(b"\xff\xd8"):
            return _jpeg(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data)
    except struct.error:
        return None
    return _svg(data)


def _positive(width: int, height: int) -> tuple[int, int] | None:
    return (width, height) if width > 0 and height > 0 else None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 4 <= len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        # Start of frame (baseline, progressive…), not DHT (C4), JPG (C8) or DAC (CC).
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return _positive(width, height)
        index += 2 + length
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return _positive(width, height)
    if chunk == b"VP8L" and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return _positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return _positive(width & 0x3FFF, height & 0x3FFF)
    return None


def _svg(data: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(data[:65536])
    if tag is None:
        return None
    text = tag.group(0).decode("utf-8", "replace")
    width, height = _svg_length(text, "width"), _svg_length(text, "height")
    if width and height:
        return _positive(round(width), round(height))
    box = re.search(_SVG_ATTRIBUTE.format(name="viewBox"), text)
    if box is None:
        return None
    parts = re.split(r"[\s,]+", box.group(1).strip())
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return None
    if len(numbers) != 4:
        return None
    return _positive(round(numbers[2]), round(numbers[3]))


def _svg_length(tag: str, name: str) -> float | None:
    found = re.search(_SVG_ATTRIBUTE.format(name=name), tag)
    if found is None:
        return None
    length = _SVG_LENGTH.fullmatch(found.group(1))
    return float(length.group(1)) if length else None
