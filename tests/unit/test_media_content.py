"""Audio, video, figures and footnotes (issue 13): what authors write, what learners get.

Players come with captions or a transcript (E312), media files are what their names say (E309),
figures carry their caption, footnotes sit on the page that calls them with ids unique in the
one-page player, and every file the page needs is in the package.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module, load_module
from ehealth_content._media import file_problem

MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00"
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00"
OGG = b"OggS\x00\x02\x00\x00"
VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour.\n"
PNG = b"\x89PNG\r\n\x1a\n"

HEAD = "---\nid: demo\ntitle: Démo\nversion: 1.0.0\n{extra}---\n\n"


def write(folder: Path, body: str, files: dict[str, bytes], extra: str = "") -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "module.md"
    path.write_text(HEAD.format(extra=extra) + body, encoding="utf-8")
    return path


def load(folder: Path, body: str, files: dict[str, bytes], extra: str = "") -> Module:
    module, diagnostics = load_module(write(folder, body, files, extra))
    assert module is not None, [str(d) for d in diagnostics]
    assert diagnostics == []
    return module


def page_html(module: Module, index: int = 0) -> str:
    return "".join(getattr(b, "html", "") for b in module.pages[index].blocks)


def codes(folder: Path, body: str, files: dict[str, bytes]) -> list[tuple[int, int, str]]:
    _, diagnostics = load_module(write(folder, body, files))
    return sorted((d.line, d.column, d.code) for d in diagnostics)


@pytest.mark.parametrize(
    ("name", "data", "refused"),
    [
        ("a.mp4", MP4, False),
        ("a.m4a", MP4, False),
        ("a.webm", WEBM, False),
        ("a.mp3", MP3, False),
        ("a.mp3", b"\xff\xfb\x90\x00", False),
        ("a.ogg", OGG, False),
        ("a.vtt", VTT, False),
        ("a.vtt", b"\xef\xbb\xbfWEBVTT\n", False),
        ("a.mp4", OGG, True),  # a player is chosen by name: the container must match it
        ("a.webm", MP4, True),
        ("a.ogg", MP3, True),
        ("a.mp3", OGG, True),
        ("a.vtt", b"1\n00:00 --> 00:01\nsrt, not WebVTT\n", True),
        ("a.mp4", b"<html><script>alert(1)</script>", True),
    ],
)
def test_media_are_what_their_name_says(tmp_path: Path, name: str, data: bytes, refused: bool) -> None:
    target = tmp_path / name
    target.write_bytes(data)
    assert (file_problem(target) is not None) == refused


def test_video_with_captions_becomes_a_player_with_a_default_track(tmp_path: Path) -> None:
    module = load(
        tmp_path,
        "# Page {#p1}\n\n![Présentation du DMP](media/intro.mp4)\n",
        {"media/intro.mp4": MP4, "media/intro.vtt": VTT},
    )
    html = page_html(module)
    assert '<figure><video controls="" preload="metadata" aria-label="Présentation du DMP">' in html
    assert '<source src="media/intro.mp4" type="video/mp4">' in html
    assert '<track kind="captions" src="media/intro.vtt" srclang="fr" label="Sous-titres" default="">' in html
    assert {"media/intro.mp4", "media/intro.vtt"} <= set(module.assets)


def test_audio_with_a_transcript_links_to_it(tmp_path: Path) -> None:
    body = "# Page {#p1}\n\nÉcoutez ![Entretien](son.mp3) puis répondez.\n"
    module = load(tmp_path, body, {"son.mp3": MP3, "son.txt": "Transcription.\n".encode()}, "lang: en\n")
    html = page_html(module)
    assert (
        '<audio controls="" preload="metadata" aria-label="Entretien"><source src="son.mp3" type="audio/mpeg">' in html
    )
    assert '<a class="transcript" href="son.txt" rel="noopener noreferrer">Transcript</a>' in html
    assert "<figure>" not in html, "inside a sentence the player stays inline"
    assert "son.txt" in module.assets


def test_audio_captions_are_its_transcript(tmp_path: Path) -> None:
    module = load(tmp_path, "# Page {#p1}\n\n![Entretien](son.ogg)\n", {"son.ogg": OGG, "son.vtt": VTT})
    assert '<a class="transcript" href="son.vtt"' in page_html(module)


def test_media_without_captions_nor_transcript_is_an_error_at_its_place(tmp_path: Path) -> None:
    body = "# Page {#p1}\n\nTexte.\n\nVoir ![Vidéo](clip.webm) et ![Son](son.mp3).\n"
    assert codes(tmp_path, body, {"clip.webm": WEBM, "son.mp3": MP3, "son.txt": b"ok\n"}) == [(11, 6, "E312")]


def test_image_alone_with_a_title_becomes_a_figure(tmp_path: Path) -> None:
    body = (
        '# Page {#p1}\n\n![Schéma du parcours](a.png "Le parcours de soins")\n\n'
        'Dans le texte ![icône](a.png "titre") reste une image.\n\n![Sans titre](a.png)\n'
    )
    html = page_html(load(tmp_path, body, {"a.png": PNG}))
    assert (
        '<figure><img src="a.png" alt="Schéma du parcours"><figcaption>Le parcours de soins</figcaption></figure>'
        in html
    )
    assert '<p>Dans le texte <img src="a.png" alt="icône" title="titre"> reste une image.</p>' in html
    assert '<p><img src="a.png" alt="Sans titre"></p>' in html


def test_a_caption_is_text_never_markup(tmp_path: Path) -> None:
    html = page_html(load(tmp_path, '# Page {#p1}\n\n![x](a.png "<script>alert(1)</script>")\n', {"a.png": PNG}))
    assert "<script" not in html and "&lt;script&gt;" in html


def test_footnotes_sit_on_the_page_that_calls_them(tmp_path: Path) -> None:
    body = (
        "# Un {#p1}\n\nTexte[^a] et[^b].\n\n[^a]: Note A.\n[^b]: Note **B**.\n\n"
        "# Deux {#p2}\n\nSuite[^c], et encore A[^a].\n\n[^c]: Note C.\n"
    )
    module = load(tmp_path, body, {})
    one, two = page_html(module, 0), page_html(module, 1)
    tree = etree.HTML("<div>" + one + two + "</div>")
    assert '<a href="#fn1" id="fnref1"' in one and '<li id="fn1" class="footnote-item">' in one
    assert "Note A." in one and "Note <strong>B</strong>." in one and "Note C." not in one
    assert '<ol class="footnotes-list" start="3">' in two and '<li id="fn3"' in two
    assert '<a href="#fn1" id="fnref1:1"' in two, "a second call links to the note on its first page"
    assert 'aria-label="Retour au texte"' in one
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids)), "ids are unique in the one-page player"


def test_footnotes_of_a_question_text_do_not_meet_the_page_ones(tmp_path: Path) -> None:
    body = (
        "# Un {#p1}\n\nTexte[^a].\n\n[^a]: Note A.\n\n```quiz\nid: q1\ntype: truefalse\n"
        'prompt: "Vrai[^x] ?\\n\\n[^x]: Note de question."\nanswer: true\n```\n'
    )
    module = load(tmp_path, body, {})
    prompt = module.questions[0].prompt.html
    assert 'id="fnref-l' in prompt and 'id="fn-l' in prompt


def test_an_author_id_is_dropped(tmp_path: Path) -> None:
    # An id could shadow the player's own elements (#ehealth-data) in the one-page document.
    body = '# Page {#p1}\n\n<a id="ehealth-data" href="#x">lien</a> <span id="fn1">x</span>\n'
    html = page_html(load(tmp_path, body, {}, "allow_html: true\n"))
    assert "ehealth-data" not in html and 'id="fn1"' not in html


def test_raw_html_media_must_be_local_and_are_packaged(tmp_path: Path) -> None:
    body = (
        '# Page {#p1}\n\n<video controls src="clip.mp4"><track kind="captions" src="clip.vtt" srclang="fr"></video>\n'
    )
    module = load(tmp_path, body, {"clip.mp4": MP4, "clip.vtt": VTT}, "allow_html: true\n")
    assert '<video controls="" src="clip.mp4"><track kind="captions" src="clip.vtt" srclang="fr"></video>' in page_html(
        module
    )
    assert {"clip.mp4", "clip.vtt"} <= set(module.assets)
    remote = '# Page {#p1}\n\n<video controls src="https://cdn.example/clip.mp4"></video>\n\n<audio src="nope.mp3"></audio>\n'
    path = write(tmp_path / "remote", remote, {}, "allow_html: true\n")
    _, diagnostics = load_module(path)
    assert sorted(d.code for d in diagnostics) == ["E302", "E305"]


@pytest.mark.parametrize("target", ["scorm12", "scorm2004", "cmi5", "xapi"])
def test_captions_and_transcripts_travel_in_every_package(tmp_path: Path, target: str) -> None:
    import packager

    body = "# Page {#p1}\n\n![Présentation](media/intro.mp4)\n\n![Entretien](media/son.mp3)\n"
    files = {"media/intro.mp4": MP4, "media/intro.vtt": VTT, "media/son.mp3": MP3, "media/son.txt": b"Texte.\n"}
    module = load(tmp_path / "src", body, files)
    result = packager.build_package(module, target, tmp_path / "out")
    with zipfile.ZipFile(result.path) as archive:
        names = set(archive.namelist())
        prefix = next(n for n in names if n.endswith("index.html"))[: -len("index.html")]
        assert {prefix + n for n in files} <= names
        if target.startswith("scorm"):
            manifest = etree.fromstring(archive.read("imsmanifest.xml"))
            listed = {f.get("href") for f in manifest.iter("{*}file")}
            assert set(files) <= listed
