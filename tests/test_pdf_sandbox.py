"""The PDF sandbox, tried from a hostile workspace template, checked in the PDF itself.

One role is built with a posting template that tries every way out it can: a
stylesheet, an image, an object and an ``@import`` from outside the template
folders (by absolute ``file://`` URL, by ``../``, and through a symbolic link), a
stylesheet from a web server, an oversized ``data:`` URL, and attachments (a
``rel=attachment`` link and a ``<link rel=attachment>``). The PDF must hold none
of their text, no embedded file, and the web server must see no request. A file
inside the template folder loads, which shows the probe itself works.
"""

from __future__ import annotations

import base64
import http.server
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pikepdf
import pytest

from jdgen.build.runner import BuildOptions, build
from jdgen.load.workspace import Workspace
from jdgen.render.pdf import MAX_DATA_URL_BYTES

pytestmark = pytest.mark.pdf


class Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b'body::after { content: "SECRET-HTTP"; }')

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def web_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def css(selector: str, text: str) -> str:
    """A stylesheet that adds ``text`` to the page (each probe at its own place)."""
    return f'{selector} {{ content: "{text}"; }}\n'


def svg(text: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">'
        f'<text x="0" y="20" font-family="Inter" font-size="14">{text}</text></svg>'
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, web_server: str) -> dict[str, Path]:
    """A workspace whose posting template reaches out every way it can, built once as PDF."""
    root = tmp_path_factory.mktemp("hostile")
    outside = root / "outside"  # beside the workspace, as /etc or a home folder would be
    outside.mkdir()
    (outside / "secret.css").write_text(css("h1::after", "SECRET-FILE-CSS"))
    (outside / "import.css").write_text(css("main::after", "SECRET-IMPORT"))
    (outside / "linked.css").write_text(css("body::before", "SECRET-SYMLINK"))
    (outside / "secret.svg").write_text(svg("SECRET-IMAGE"))
    (outside / "object.svg").write_text(svg("SECRET-OBJECT"))
    ws = root / "ws"
    (ws / "roles").mkdir(parents=True)
    (ws / "roles/x.yaml").write_text(
        "title: Account Manager\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n"
    )
    templates = ws / "templates"
    templates.mkdir()
    (templates / "allowed.css").write_text('main::before { content: "ALLOWED-CSS"; }\n')
    (templates / "notes.txt").write_text("an attachment\n")
    (templates / "linked.css").symlink_to(outside / "linked.css")
    big = base64.b64encode(svg("SECRET-DATA").encode() + b" " * MAX_DATA_URL_BYTES).decode()
    (templates / "posting.html.j2").write_text(
        "{% extends 'page.html.j2' %}\n"
        "{% block head %}\n"
        '<link rel="stylesheet" href="allowed.css">\n'
        f'<link rel="stylesheet" href="{(outside / "secret.css").as_uri()}">\n'
        '<link rel="stylesheet" href="linked.css">\n'
        f'<link rel="stylesheet" href="{web_server}/remote.css">\n'
        '<style>@import url("../../outside/import.css");</style>\n'
        '<link rel="attachment" href="notes.txt" title="notes">\n'
        "{% endblock %}\n"
        "{% block content %}<h1>{{ title }}</h1>\n"
        f'<img src="{(outside / "secret.svg").as_uri()}" alt="">\n'
        '<object data="../../outside/object.svg" type="image/svg+xml"></object>\n'
        f'<img src="data:image/svg+xml;base64,{big}" alt="">\n'
        f'<img src="{web_server}/image.png" alt="">\n'
        '<p><a rel="attachment" href="notes.txt">notes</a></p>\n'
        "{% endblock %}\n"
    )
    Recorder.requests.clear()
    # The workspace check refuses templates/linked.css (a link outside) before anything
    # renders (tests/test_untrusted.py). Switched off here, to prove the second layer:
    # the PDF fetcher's own refusal.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Workspace, "template_problems", lambda self: [])
        report = build(
            Workspace(ws),
            None,
            BuildOptions(root / "out", ("html", "pdf"), jobs=1),
        )
    assert [o.errors for o in report.outcomes] == [[]]
    return {"pdf": root / "out/x/posting.pdf", "html": root / "out/x/posting.html", "root": root}


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_files_inside_the_template_folder_load(hostile: dict[str, Path]) -> None:
    assert "ALLOWED-CSS" in pdf_text(hostile["pdf"])


@pytest.mark.parametrize(
    "secret",
    [
        "SECRET-FILE-CSS",  # file:// outside the template folders
        "SECRET-IMPORT",  # @import through ../
        "SECRET-SYMLINK",  # a link inside the template folder that points outside
        "SECRET-IMAGE",  # <img src="file://...">
        "SECRET-OBJECT",  # <object data="../...">
        "SECRET-DATA",  # an oversized data: URL
        "SECRET-HTTP",  # a stylesheet over http
    ],
)
def test_no_text_from_outside_files(hostile: dict[str, Path], secret: str) -> None:
    assert secret not in pdf_text(hostile["pdf"])


def test_nothing_is_fetched_from_the_network(hostile: dict[str, Path]) -> None:
    assert Recorder.requests == []


def test_no_file_is_embedded(hostile: dict[str, Path]) -> None:
    listing = subprocess.run(
        ["pdfdetach", "-list", str(hostile["pdf"])], capture_output=True, text=True, check=True
    ).stdout
    assert listing.strip() == "0 embedded files"
    with pikepdf.open(hostile["pdf"]) as pdf:
        assert dict(pdf.attachments) == {}
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        for page in pdf.pages:
            for annot in page.get("/Annots", []):
                assert annot.get("/Subtype") != "/FileAttachment"


def test_the_probes_would_see_an_escape(hostile: dict[str, Path], tmp_path: Path) -> None:
    """Printed by WeasyPrint without jdgen's sandbox, the same page leaks and embeds."""
    from weasyprint import HTML

    page = hostile["html"].read_text()
    templates = hostile["root"] / "ws/templates"
    unguarded = tmp_path / "unguarded.pdf"
    HTML(string=page, base_url=f"{templates}/").write_pdf(unguarded)
    text = pdf_text(unguarded)
    for secret in ("FILE-CSS", "IMPORT", "SYMLINK", "IMAGE", "OBJECT", "DATA", "HTTP"):
        assert f"SECRET-{secret}" in text
    with pikepdf.open(unguarded) as pdf:
        assert "notes.txt" in dict(pdf.attachments)
