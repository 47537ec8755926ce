"""Images in Moodle XML: each local ``<img src>`` becomes a file embedded in the text.

Moodle keeps a text's images in a file area of its own and writes their addresses
``@@PLUGINFILE@@/<name>``; its XML format carries the files beside the ``<text>`` as
``<file name="…" path="/" encoding="base64">`` (``qformat_xml::import_text_with_files``,
``write_files``). Only images the loader found inside the module folder (``Module.assets``)
are embedded: anything else stays as it is, for the caller to report.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from ..model import Module

__all__ = ["EmbeddedFile", "Embedded", "PLUGINFILE", "embed_images", "moodle_file_name"]

PLUGINFILE = "@@PLUGINFILE@@/"
# An <img> tag, and its src attribute in any of HTML's three quotings.
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""(\ssrc\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)
# What Moodle's clean_param(PARAM_FILE) strips from a file name: it refuses a name it changes.
_NOT_IN_FILE_NAME = re.compile(r"""[\x00-\x1f\x7f&<>"`|':\\/]""")


@dataclass(frozen=True, slots=True)
class EmbeddedFile:
    name: str
    """The file's name in the text's file area (``path`` is always ``/``)."""
    content: bytes


@dataclass(frozen=True, slots=True)
class Embedded:
    html: str
    """The text with local images pointing at ``@@PLUGINFILE@@/<name>``."""
    files: tuple[EmbeddedFile, ...]
    missing: tuple[str, ...]
    """Local image addresses that could not be embedded (left as they were)."""


def moodle_file_name(name: str) -> str:
    """``name`` as a Moodle file name: what PARAM_FILE would strip becomes ``_``."""
    cleaned = _NOT_IN_FILE_NAME.sub("_", name)
    return cleaned if cleaned not in ("", ".", "..") else "image"


def _local_asset(src: str, module: Module) -> str | None:
    """The module asset (``/``-separated, relative to its folder) the local ``src`` points at,
    or None: the loader lists every image it found inside the folder, and only those go."""
    folder = module.source_path.parent.resolve()
    target = (folder / unquote(urlsplit(src).path)).resolve()
    if not target.is_relative_to(folder):
        return None
    asset = target.relative_to(folder).as_posix()
    return asset if asset in module.assets else None


def _is_local(src: str) -> bool:
    # Remote and data: images stay as they are (the loader refuses remote ones anyway).
    parts = urlsplit(src)
    return not (parts.scheme or parts.netloc or src.startswith(("/", "#"))) and bool(parts.path)


def embed_images(text: str, module: Module) -> Embedded:
    """``text`` (HTML) with its local images moved into files, as Moodle XML carries them."""
    files: dict[str, EmbeddedFile] = {}
    by_asset: dict[str, str] = {}
    missing: list[str] = []

    def name_for(asset: str, content: bytes) -> str:
        base = moodle_file_name(PurePosixPath(asset).name)
        name, number = base, 1
        # Two images of one text may share a name from different folders: the area is flat.
        while name in files and files[name].content != content:
            number += 1
            name = f"{number}-{base}"
        return name

    def rewrite_src(match: re.Match[str]) -> str:
        quoted = match.group(2)
        src = html.unescape(quoted[1:-1] if quoted[:1] in "\"'" else quoted)
        if not _is_local(src):
            return match.group(0)
        asset = _local_asset(src, module)
        content = _read(module.source_path.parent, asset) if asset is not None else None
        if asset is None or content is None:
            missing.append(src)
            return match.group(0)
        if asset not in by_asset:
            by_asset[asset] = name_for(asset, content)
            files[by_asset[asset]] = EmbeddedFile(by_asset[asset], content)
        return f'{match.group(1)}"{PLUGINFILE}{quote(by_asset[asset])}"'

    def rewrite_img(match: re.Match[str]) -> str:
        return _SRC.sub(rewrite_src, match.group(0), count=1)

    rewritten = _IMG.sub(rewrite_img, text)
    return Embedded(rewritten, tuple(files.values()), tuple(dict.fromkeys(missing)))


def _read(folder: Path, asset: str) -> bytes | None:
    try:
        return folder.joinpath(*asset.split("/")).read_bytes()
    except OSError:
        return None
