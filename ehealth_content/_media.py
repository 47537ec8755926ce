"""Which local files a module may put in its package.

Every linked or embedded file is copied into the package and served from the package's
origin, which in many LMS is the LMS's own (its session cookie, its SCORM API). A page, an
SVG with script or a script file opened there runs with all of that, so files are admitted by
an allow-list of media types, checked on their first bytes where that is cheap, and an SVG only
when it can run nothing. Paths are bounded before they reach the file system, whose errors
(a NUL byte, a name too long) would otherwise stop the whole check.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ._text import character_phrase
from .i18n import Message, t

__all__ = ["ALLOWED_EXTENSIONS", "MAX_PATH_BYTES", "MAX_SEGMENT_BYTES", "file_problem", "path_problem"]

# Most file systems refuse longer names; zip tools and LMS unpackers choke well before that.
MAX_SEGMENT_BYTES = 255
MAX_PATH_BYTES = 1024
# An SVG is parsed whole to be checked; a bigger one is not an illustration.
_MAX_SVG_BYTES = 10 * 1024 * 1024

_IMAGE = "image"
_MEDIA = "audio or video"
_KIND_OF_EXTENSION: dict[str, str] = {
    **dict.fromkeys(("png", "jpg", "jpeg", "gif", "webp", "avif"), _IMAGE),
    "svg": "svg",
    **dict.fromkeys(("mp3", "ogg", "oga", "wav", "m4a", "mp4", "webm", "ogv"), _MEDIA),
    "vtt": "captions",
    "pdf": "pdf",
    "txt": "text",
    "csv": "text",
}
ALLOWED_EXTENSIONS = tuple(sorted(_KIND_OF_EXTENSION))
# Said by name so that the hint explains the refusal rather than just listing what passes.
_RUNS_SCRIPT = frozenset(
    {
        "html",
        "htm",
        "xhtml",
        "xht",
        "shtml",
        "mht",
        "mhtml",
        "xml",
        "xsl",
        "xslt",
        "js",
        "mjs",
        "cjs",
        "wasm",
        "swf",
        "svgz",
        "php",
        "jsp",
        "asp",
        "aspx",
    }
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DRIVE = re.compile(r"[A-Za-z]:")


def path_problem(relative: str) -> Message | None:
    """Why ``relative`` (a link's path, percent-decoded) cannot name a file of the package."""
    control = _CONTROL.search(relative)
    if control:
        return t("contains {character}", character=character_phrase(control.group()))
    if "\\" in relative:
        return t("contains a backslash: browsers read it as '/', file systems do not")
    if _DRIVE.match(relative) or relative.startswith("/"):
        return t("is an absolute path: a package can only hold files given relative to the module")
    encoded = relative.encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_PATH_BYTES:
        return t("is too long ({size} bytes; at most {limit})", size=len(encoded), limit=MAX_PATH_BYTES)
    for segment in relative.split("/"):
        if len(segment.encode("utf-8", "surrogatepass")) > MAX_SEGMENT_BYTES:
            return t("has a name longer than {limit} bytes", limit=MAX_SEGMENT_BYTES)
    return None


def file_problem(target: Path) -> Message | None:
    """Why the existing file ``target`` may not be copied into a package, or None."""
    extension = PurePosixPath(target.name).suffix.lower().removeprefix(".")
    kind = _KIND_OF_EXTENSION.get(extension)
    if kind is None:
        if extension in _RUNS_SCRIPT:
            return t("a '.{extension}' file can run script in the learner's browser", extension=extension)
        if extension:
            return t("'.{extension}' files are not media a package may carry", extension=extension)
        return t("files without an extension are not media a package may carry")
    try:
        with target.open("rb") as handle:
            head = handle.read(1024)
    except OSError as exc:
        return t("cannot be read: {reason}", reason=exc.strerror or str(exc))
    if kind == "svg":
        return _svg_problem(target)
    if not _looks_like(kind, head) or not _container_fits(extension, head):
        return t("does not hold what its '.{extension}' name says ({kind})", extension=extension, kind=_WHAT[kind])
    return None


# Audio and video by container, on their first bytes: a browser picks a player from the name,
# so a WAV named .mp4 plays nowhere. MPEG audio without an ID3 tag starts with a frame sync.
_CONTAINER_OF_EXTENSION = {
    **dict.fromkeys(("mp4", "m4a"), "iso"),
    "webm": "ebml",
    **dict.fromkeys(("ogg", "oga", "ogv"), "ogg"),
    "wav": "wav",
    "mp3": "mpeg",
}


def _container_fits(extension: str, head: bytes) -> bool:
    container = _CONTAINER_OF_EXTENSION.get(extension)
    if container == "iso":
        return head[4:8] == b"ftyp"
    if container == "ebml":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if container == "ogg":
        return head.startswith(b"OggS")
    if container == "wav":
        return head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    if container == "mpeg":
        return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    return True


_WHAT = {
    _IMAGE: t("an image"),
    _MEDIA: t("audio or video"),
    "captions": t("WebVTT captions"),
    "pdf": t("a PDF document"),
    "text": t("plain text"),
}


def _looks_like(kind: str, head: bytes) -> bool:
    if kind == _IMAGE:
        return (
            head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")
            or head[4:8] == b"ftyp"
        )
    if kind == _MEDIA:
        return (
            head.startswith((b"ID3", b"OggS", b"\x1a\x45\xdf\xa3", b"fLaC"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WAVE")
            or head[4:8] == b"ftyp"
            or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
        )
    if kind == "captions":
        return head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")
    if kind == "pdf":
        return b"%PDF-" in head
    # Text: served as text/plain, which no browser runs; only refuse what is not text at all.
    return b"\x00" not in head


# Elements that run script, embed a document, or rewrite a link into a script URL.
_SVG_ACTIVE = frozenset({"script", "foreignobject", "handler", "iframe", "object", "embed", "listener"})
_SVG_ANIMATION = frozenset({"set", "animate", "animatemotion", "animatetransform", "discard"})


def _svg_problem(target: Path) -> Message | None:
    """Why an SVG could run script or load from outside when opened on its own, or None.

    An ``<img>`` never runs an SVG's script, but the file is in the package: a learner can open
    it directly, where it is a document of the package's origin. So every SVG must be inert.
    """
    try:
        if target.stat().st_size > _MAX_SVG_BYTES:
            return t("is an SVG larger than {limit} MiB", limit=_MAX_SVG_BYTES // (1024 * 1024))
        data = target.read_bytes()
    except OSError as exc:
        return t("cannot be read: {reason}", reason=exc.strerror or str(exc))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return t("is not a well-formed SVG file")
    if root.getroottree().docinfo.internalDTD is not None or b"<!ENTITY" in data:
        return t("is an SVG with a DOCTYPE or entities, which can hide script")
    for node in root.iter():
        problem = _svg_node_problem(node)
        if problem is not None:
            return t("is an SVG that {problem}", problem=problem)
    return None


def _svg_node_problem(node: etree._Element) -> Message | None:
    if isinstance(node, etree._ProcessingInstruction):
        return t("has a processing instruction (a style sheet could run script)")
    if not isinstance(node.tag, str):
        return None
    name = etree.QName(node).localname.lower()
    if name in _SVG_ACTIVE:
        return t("has a <{element}> element", element=etree.QName(node).localname)
    for attribute, value in node.attrib.items():
        local = etree.QName(attribute).localname.lower()
        if local.startswith("on"):
            return t("has an event handler ({attribute})", attribute=local)
        if name in _SVG_ANIMATION and local == "attributename" and "href" in value.lower():
            return t("animates a link target")
        if local in ("href", "src") and not value.strip().startswith("#"):
            return t("refers to '{target}' (only references inside the file, '#…', are allowed)", target=_shown(value))
        if "url(" in value.replace(" ", "").lower() and not re.search(r"url\(\s*['\"]?#", value, re.IGNORECASE):
            return t("refers to an outside resource in a style")
    if name == "style" and node.text and ("@import" in node.text or re.search(r"url\(\s*['\"]?[^#'\"\s]", node.text)):
        return t("loads an outside resource from its style sheet")
    return None


def _shown(value: str) -> str:
    return _CONTROL.sub("?", value[:60])
