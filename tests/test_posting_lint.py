"""``jdgen lint`` of posting text and ``check_text``: the same rules as role files, at the posting's
own lines and columns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from jdgen.lint.posting import check_text
from tests.test_import import POSTING, jdgen, page


def test_lint_of_a_markdown_posting_finds_rockstar_where_it_is(tmp_path: Path) -> None:
    (tmp_path / "posting.md").write_text(POSTING)
    done = jdgen("lint", "-C", str(tmp_path), str(tmp_path / "posting.md"))
    assert done.exit_code == 1
    assert "posting.md:1:3: error [vague-title] 'Rockstar'" in done.output


def test_the_same_wording_problems_as_in_a_role_file(tmp_path: Path) -> None:
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "x.yaml").write_text(
        "title: Rockstar Account Manager\nlevel: mid\nsummary: We want a young and energetic "
        "team player who can dominate the market.\nrequirements:\n  must:\n"
        "    - Three years in account management\n"
    )
    wording = ("vague-title", "gender-coded", "exclusionary-language")
    role = jdgen("lint", "-C", str(tmp_path), "--level", "info", "-f", "json")
    posting = [(p.rule, p.message) for p in check_text(POSTING) if p.rule in wording]
    found = [(p["rule"], p["message"]) for p in json.loads(role.output) if p["rule"] in wording]
    assert sorted(posting) == sorted(found) and len(found) >= 3


def test_check_text_places_problems_in_the_string() -> None:
    problems = check_text("# Ninja Developer\n\nYou will crush it.\n")
    ninja = next(p for p in problems if p.rule == "vague-title")
    assert (ninja.path, ninja.line, ninja.column) == ("<text>", 1, 3)


def test_lint_of_a_docx_posting_gives_paragraph_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Account Manager", 0)
    document.add_paragraph("We need a digital native.")
    document.save(tmp_path / "p.docx")
    done = jdgen("lint", "-C", str(tmp_path), str(tmp_path / "p.docx"),
                 "--publish-in", "EU-ES")  # fmt: skip
    assert "p.docx:2:11: warning [exclusionary-language] 'digital native'" in done.output
    assert "[pay-transparency]" in done.output


def test_lint_of_a_page_places_json_ld_text_in_the_file(tmp_path: Path) -> None:
    job = {"@type": "JobPosting", "title": "Rockstar Account Manager",
           "description": "<p>We want a digital native.</p><h3>Requirements</h3>"
                          "<ul><li>Native English speaker</li></ul>"}  # fmt: skip
    text = page(job, "<main><h1>Rockstar Account Manager</h1></main>")
    (tmp_path / "job.html").write_text(text)
    done = jdgen("lint", "-C", str(tmp_path), str(tmp_path / "job.html"))
    for words, rule in (("Rockstar", "vague-title"), ("digital native", "exclusionary-language"),
                        ("Native English speaker", "exclusionary-language")):  # fmt: skip
        at = text.index(words)
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        shown = rf"job\.html:{line}:{column}: \w+ \[{rule}\] '{words}'"
        assert re.search(shown, done.output), (words, done.output)


def test_lint_sees_an_age_limit_in_a_line_under_the_title() -> None:
    text = "# Vendedor\n\nBuscamos un chico joven y dinámico, menor de 30 años.\n"
    found = {(p.rule, p.line) for p in check_text(text, language="es")}
    assert ("exclusionary-language", 3) in found


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "gitlab"])
def test_a_posting_outside_the_workspace_is_shown_as_given(tmp_path, monkeypatch, fmt) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "posting.md").write_text(POSTING)
    monkeypatch.chdir(tmp_path / "here")
    done = jdgen("lint", "-C", str(tmp_path / "ws"), "-f", fmt, "posting.md", "gone.md")
    assert "[vague-title]" in done.output or "vague-title" in done.output
    assert "../ws" not in done.output and "ws/posting.md" not in done.output
    assert "posting.md" in done.output and "gone.md" in done.output
    if fmt == "text":
        assert "\nposting.md:1:3: error [vague-title]" in "\n" + done.output
        assert "gone.md:1:1: error" in done.output


def test_lint_reads_the_text_import_leaves_over_where_it_is() -> None:
    text = ("# Account Manager\n\n## Requirements\n\n- Three years in sales\n\n## Our culture\n\n"
            "We want a young and energetic person who is a digital native.\n")  # fmt: skip
    found = {(p.rule, p.line, p.column) for p in check_text(text)}
    assert ("exclusionary-language", 9, 11) in found  # young and energetic
    assert ("exclusionary-language", 9, 47) in found  # digital native
