"""One truth about a role: what stops ``jdgen build`` is what ``jdgen lint`` reports.

Each case here is one of the disagreements issue #13 lists, tried as a new user
would, on a copy of the shipped workspace: lint and build must both fail, at the
same place, with the same message, and the other roles must still build.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen.cli import main

REPO = Path(__file__).resolve().parent.parent
ROLES = ["junior-account-manager", "key-account-manager", "senior-account-manager"]
ROLES.append("strategic-account-manager")
KAM = "roles/key-account-manager.yaml"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped workspace, which is also the current folder."""
    root = tmp_path / "ws"
    shutil.copytree(REPO / "roles", root / "roles")
    shutil.copy(REPO / ".jdgen.yaml", root / ".jdgen.yaml")
    monkeypatch.chdir(root)
    return root


def jdgen(*args: str):
    return CliRunner().invoke(main, list(args))


def edit(root: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error" in line]


def lint_and_build(root: Path, *paths: str) -> tuple[list[str], list[str], object]:
    """The errors lint prints, the errors build prints, and the build's result."""
    lint = jdgen("lint", *paths)
    build = jdgen("build", "-f", "md,html,json", "-o", str(root / "out"), *paths)
    assert "internal error" not in lint.output + build.output
    assert "Traceback" not in lint.output + build.output
    assert lint.exit_code in (1, 2), lint.output
    assert build.exit_code in (1, 2), build.output
    return errors(lint.stdout + lint.stderr), errors(build.stderr), build


def test_the_shipped_workspace_is_clean_for_both(ws: Path) -> None:
    lint = jdgen("lint")
    build = jdgen("build", "-f", "md,html,json", "-o", str(ws / "out"))
    assert (lint.exit_code, build.exit_code) == (0, 0), lint.output + build.output


# -- build failed, lint passed ------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("employment_type: full-time", "employment_type: sometimes", "roles/_base.yaml:4:18:"),
        (
            "employment_type: full-time",
            "employment_type: full-time\ndutes: []",
            "roles/_base.yaml:5:1:",
        ),
    ],
)
def test_a_mistake_in_the_base_fails_lint_where_it_is(ws: Path, old, new, where) -> None:
    edit(ws, "roles/_base.yaml", old, new)
    linted, built, build = lint_and_build(ws)
    assert [line for line in linted if line.startswith(where)] == linted
    assert len(linted) == 1  # once, though four roles extend the base
    assert built == linted
    assert build.stderr.splitlines()[-1].endswith(f"4 failed lint: {', '.join(ROLES)}")


def test_linting_the_base_reports_the_problems_of_the_roles_that_use_it(ws: Path) -> None:
    edit(ws, "roles/_base.yaml", "employment_type: full-time", "employment_type: sometimes")
    result = jdgen("lint", "roles/_base.yaml")
    assert result.exit_code == 1
    assert errors(result.stdout)[0].startswith("roles/_base.yaml:4:18: error [schema] ")
    assert result.stderr.startswith("4 files checked: 1 error")


def test_a_mistake_in_the_company_translation(ws: Path) -> None:
    (ws / "roles/_company.es.yaml").write_text(
        (ws / "roles/_company.es.yaml").read_text() + "nmae: Tramuntana\n"
    )
    linted, built, _ = lint_and_build(ws)
    assert len(linted) == 1 and linted == built
    assert re.match(r"roles/_company\.es\.yaml:\d+:1: error \[schema\] nmae: ", linted[0])


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("duties:", "dutis:", "dutis: not in the original, so there is nothing to translate"),
        (
            "duties:\n",
            "duties:\n" + "  - Una más\n" * 9,
            "duties: 17 items, but the original has 8",
        ),
    ],
)
def test_a_mistake_in_a_role_translation(ws: Path, old, new, message) -> None:
    edit(ws, "roles/key-account-manager.es.yaml", old, new)
    linted, built, build = lint_and_build(ws)
    assert linted == built
    assert [re.sub(r":\d+:\d+:", ":L:C:", line) for line in linted] == [
        f"roles/key-account-manager.es.yaml:L:C: error [schema] {message}"
    ]
    assert build.stderr.splitlines()[-1].endswith("1 failed lint: key-account-manager")
    assert (ws / "out/junior-account-manager/posting.es.md").is_file()  # the others build


def test_an_extends_loop_through_a_base(ws: Path) -> None:
    (ws / "roles/_loop.yaml").write_text("extends: _base.yaml\n")
    edit(ws, "roles/_base.yaml", "department:", "extends: _loop.yaml\ndepartment:")
    linted, built, _ = lint_and_build(ws)
    assert (
        linted
        == built
        == [  # where the loop closes
            "roles/_loop.yaml:1:10: error [schema] extends: inheritance loop: roles/_base.yaml -> "
            "roles/_loop.yaml -> roles/_base.yaml"
        ]
    )


def test_two_role_files_with_one_id(ws: Path) -> None:
    (ws / "roles/team").mkdir()
    shutil.copy(ws / KAM, ws / "roles/team/key-account-manager.yaml")
    edit(ws, "roles/team/key-account-manager.yaml", "extends: _base.yaml", "extends: ../_base.yaml")
    linted, built, _ = lint_and_build(ws)
    assert linted == built
    assert [line.split(": error")[0] for line in linted] == [
        "roles/key-account-manager.yaml:1:1",
        "roles/team/key-account-manager.yaml:1:1",
    ]
    assert all("is used by more than one file" in line for line in linted)


def test_a_role_file_linked_from_outside_the_workspace(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(ws / KAM, outside)
    (ws / "roles/linked.yaml").symlink_to(outside)
    linted, built, _ = lint_and_build(ws)
    assert (
        linted
        == built
        == [
            f"roles/linked.yaml:1:1: error [schema] is a link to {outside}, outside the workspace; "
            "jdgen reads only files inside it"
        ]
    )


# -- lint failed, build published ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (
            "  min: 51933\n  max: 94871",
            "  min: 96000\n  max: 94871",
            f"{KAM}:41:8: error [salary-band]",
        ),
        ("currency: USD", "currency: EURO", "roles/_company.yaml"),
    ],
)
def test_a_broken_band_is_not_published(ws: Path, old, new, where) -> None:
    name = KAM if "min" in old else "roles/_company.yaml"
    edit(ws, name, old, new)
    jdgen("build", "-f", "md,html,json", "-o", str(ws / "earlier"))  # what was there before
    linted, built, _ = lint_and_build(ws)
    assert linted == built and linted
    assert all(line.startswith(where) or "[salary-band]" in line for line in linted)
    for file in ("posting.md", "posting.html", "posting.json"):
        assert not (ws / "out/key-account-manager" / file).exists()


def test_a_refused_role_keeps_its_earlier_files(ws: Path) -> None:
    out = ws / "out"
    assert jdgen("build", "-f", "md", "-o", str(out)).exit_code == 0
    before = (out / "key-account-manager/posting.md").read_bytes()
    edit(ws, KAM, "  min: 51933", "  min: 96000")
    result = jdgen("build", "-f", "md", "-o", str(out))
    assert result.exit_code == 1
    assert (out / "key-account-manager/posting.md").read_bytes() == before
    assert "1 failed lint: key-account-manager" in result.stderr


def test_draft_builds_it_marked_and_without_jobposting_data(ws: Path) -> None:
    edit(ws, KAM, "  min: 51933", "  min: 96000")
    out = ws / "out"
    result = jdgen("build", "--draft", "-f", "md,html,json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "1 as drafts: key-account-manager" in result.stdout
    folder = out / "key-account-manager"
    notice = "Draft, not for publication: 1 lint error (see jdgen lint)."
    assert (folder / "posting.md").read_text().startswith(f"> **{notice}**\n")
    assert (folder / "hiring-plan.md").read_text().startswith(f"> **{notice}**\n")
    page = (folder / "posting.html").read_text()
    assert 'role="note"' in page and notice in page and "@top-center" in page
    assert "application/ld+json" not in page and not (folder / "posting.json").exists()
    spanish = (folder / "posting.es.md").read_text()
    assert spanish.startswith("> **Borrador, no publicar: 1 error de lint (ver jdgen lint).**")
    # The other roles are not drafts.
    assert "Draft" not in (out / "junior-account-manager/posting.md").read_text()
    assert (out / "junior-account-manager/posting.json").is_file()
    # A build that is not a draft refuses it again, and leaves the draft as it was.
    again = jdgen("build", "-f", "md,html,json", "-o", str(out))
    assert again.exit_code == 1
    assert (folder / "posting.md").read_text().startswith(f"> **{notice}**\n")


def test_warnings_never_block_a_build(ws: Path) -> None:
    edit(ws, KAM, "title: Key Account Manager", "title: KEY ACCOUNT MANAGER")
    lint = jdgen("lint")
    assert lint.exit_code == 0 and "warning [title-format]" in lint.stdout
    assert jdgen("build", "-f", "md", "-o", str(ws / "out")).exit_code == 0


# -- internal errors ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1.0e+28", "1" + "0" * 30])
@pytest.mark.parametrize("line", ["  min: 51933", "      min: 5500", "      target: 9999"])
def test_numbers_that_cannot_be_formatted(ws: Path, value: str, line: str) -> None:
    text = (ws / KAM).read_text()
    if line not in text:
        edit(ws, KAM, "      min: 5500", "      min: 5500\n      target: 9999")
    key = line.split(":")[0]
    edit(ws, KAM, line, f"{key}: {value}")
    linted, built, build = lint_and_build(ws)
    assert linted == built and len(linted) == 1
    assert re.search(r"expected (a finite number|an amount of at most 1,000,000,000)", linted[0])
    assert "3 roles" in build.stderr.splitlines()[-1]  # the others built


def test_ote_must_be_finite(ws: Path) -> None:
    edit(ws, KAM, "salary:\n", "salary:\n  ote: .nan\n")
    line = (ws / KAM).read_text().splitlines().index("  ote: .nan") + 1
    linted, built, _ = lint_and_build(ws)
    assert linted == built
    assert linted[0].startswith(f"{KAM}:{line}:8: error [schema] salary.ote")


def test_an_empty_title(ws: Path) -> None:
    edit(ws, KAM, "title: Key Account Manager", 'title: ""')
    linted, built, _ = lint_and_build(ws)
    assert linted == built == [f"{KAM}:2:8: error [schema] title: the title is empty"]


def test_requirements_as_text_in_a_base_translation(ws: Path) -> None:
    text = (ws / "roles/_base.es.yaml").read_text()
    start = text.index("requirements:")
    end = text.index("\n", text.index("\nbenefits:") if "\nbenefits:" in text else len(text) - 1)
    kept = text[:start] + 'requirements: ""\n' + text[text.index("\n", start) + 1 :]
    kept = re.sub(r'(requirements: ""\n)(?:[ \t]+.*\n|\n)*', r"\1", kept)
    assert end  # the premise: the base translation has requirements
    (ws / "roles/_base.es.yaml").write_text(kept)
    linted, built, _ = lint_and_build(ws)
    assert linted == built
    assert linted[0].endswith(
        "error [schema] requirements: expected a mapping, as in the original, got ''"
    )


def test_an_extends_name_longer_than_the_file_system_allows(ws: Path) -> None:
    edit(ws, KAM, "extends: _base.yaml", f"extends: {'a' * 300}.yaml")
    linted, built, _ = lint_and_build(ws)
    assert (
        linted
        == built
        == [f"{KAM}:1:10: error [schema] extends: '{'a' * 40}...' is not the name of a file"]
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ 1 // 0 }}", "ZeroDivisionError: integer division or modulo by zero"),
        ('{{ "%d"|format("x") }}', "TypeError: %d format: a real number is required, not str"),
        (
            "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
            "recursion too deep (a macro or include that calls itself?)",
        ),
        ("{% for i in range(10**9) %}{% endfor %}", "OverflowError: Range too big."),
    ],
)
def test_a_python_error_in_a_template(ws: Path, template: str, message: str) -> None:
    (ws / "templates").mkdir()
    (ws / "templates/posting.md.j2").write_text("# {{ title }}\n" + template + "\n")
    result = jdgen("build", "-f", "md", "-o", str(ws / "out"))
    assert result.exit_code == 1 and "internal error" not in result.output
    lines = errors(result.stderr)
    assert len(lines) == 4  # every role, none of them stopping the others
    assert all(
        line.startswith(f"templates/posting.md.j2:2: error: template error: {message}")
        for line in lines
    )


def test_a_python_error_in_the_index_template(ws: Path) -> None:
    (ws / "templates").mkdir()
    (ws / "templates/index.html.j2").write_text("{{ 1 // 0 }}\n")
    result = jdgen("build", "-f", "md,html", "-o", str(ws / "out"))
    assert result.exit_code == 1 and "internal error" not in result.output
    assert result.stderr.startswith(
        "templates/index.html.j2:1: error: template error: ZeroDivisionError: integer "
        "division or modulo by zero (rendering the review pack)\n"
    )
    assert (ws / "out/key-account-manager/posting.html").is_file()


def test_a_file_where_a_role_folder_should_be(ws: Path) -> None:
    out = ws / "out"
    out.mkdir()
    (out / "key-account-manager").write_text("not a folder\n")
    result = jdgen("build", "-f", "md", "-o", str(out))
    assert result.exit_code == 1 and "internal error" not in result.output
    assert errors(result.stderr) == [
        "out/key-account-manager/posting.md:1: error: cannot write this file "
        "(out/key-account-manager is a file, where its folder should be), so "
        "roles/key-account-manager.yaml was not built"
    ]
    assert (out / "junior-account-manager/posting.md").is_file()
    assert (out / "key-account-manager").read_text() == "not a folder\n"


@pytest.mark.parametrize("errno_name", ["EACCES", "ENOSPC", "EROFS"])
def test_an_output_folder_that_cannot_be_written(
    ws: Path, monkeypatch: pytest.MonkeyPatch, errno_name: str
) -> None:
    import errno
    import tempfile

    real = tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and "strategic" in str(dir):
            code = getattr(errno, errno_name)
            raise OSError(code, os.strerror(code))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = jdgen("build", "-f", "md", "-o", str(ws / "out"), "-j", "1")
    assert result.exit_code == 1 and "internal error" not in result.output
    [line] = errors(result.stderr)
    assert line.startswith("out/strategic-account-manager/")
    assert (
        "cannot write this file" in line and "strategic-account-manager.yaml was not built" in line
    )
    assert (ws / "out/senior-account-manager/posting.md").is_file()


def test_a_config_option_with_items_of_the_wrong_type(ws: Path) -> None:
    (ws / ".jdgen.yaml").write_text(
        "lint:\n  rules:\n    posting-structure:\n      required: [summary, 3]\n"
    )
    lint = jdgen("lint")
    build = jdgen("build", "-f", "md", "-o", str(ws / "out"))
    message = (
        ".jdgen.yaml:4:17: error: lint.rules.posting-structure.required: expected a list of "
        "text items, got ['summary', 3]\n"
    )
    assert (lint.exit_code, lint.stderr) == (2, message)
    assert (build.exit_code, build.stderr) == (2, message)


# -- locales -------------------------------------------------------------------------------------


@pytest.fixture
def english_only(ws: Path) -> Path:
    """The shipped workspace without its Spanish and Catalan files, publishing Spanish."""
    for path in ws.glob("roles/*.*.yaml"):
        path.unlink()
    (ws / ".jdgen.yaml").write_text("build:\n  locales: [en, es]\n")
    return ws


def test_english_text_is_not_checked_with_the_spanish_lists(english_only: Path) -> None:
    edit(
        english_only,
        "roles/strategic-account-manager.yaml",
        "duties:\n",
        "duties:\n  - Keep the peace\n",
    )
    result = jdgen("lint")
    assert "gendered title" not in result.stdout  # Spanish 'Director' rules
    assert "does not start with a verb: 'Keep'" not in result.stdout
    translation = [line for line in result.stdout.splitlines() if "[missing-translation]" in line]
    assert len(translation) == 4  # one a role, naming the locale
    assert all("no Spanish (es) translation, so no Spanish posting" in t for t in translation)


def test_no_spanish_headings_over_an_english_body(english_only: Path) -> None:
    result = jdgen("build", "-f", "md", "-o", str(english_only / "out"))
    assert result.exit_code == 0, result.output
    assert not list((english_only / "out").glob("*/posting.es.md"))
    assert "not translated, so skipped: junior-account-manager (es)" in result.stdout


def test_a_problem_is_printed_once_and_per_locale_findings_name_the_locale(ws: Path) -> None:
    (ws / ".jdgen.yaml").write_text(
        "build:\n  locales: [en, es, ca]\nlint:\n  rules:\n    posting-structure:\n"
        "      max_words: 200\n"
    )
    result = jdgen("lint")
    lines = result.stdout.splitlines()
    assert len(lines) == len(set(lines))
    places = [line.split(" [")[0] + line.split("]", 1)[1] for line in lines]
    assert len(places) == len(set(places))  # never twice for one place
    long = [line for line in lines if "words long" in line]
    assert {re.search(r"the (\w+) posting", line).group(1) for line in long} >= {
        "English",
        "Spanish",
        "Catalan",
    }


# -- found in review: incremental builds, partial builds, drafts, locales ------------------------


def test_a_role_that_takes_another_roles_id_later_stops_both(ws: Path) -> None:
    out = ws / "out"
    assert jdgen("build", "-f", "md", "-o", str(out)).exit_code == 0
    (ws / "roles/sub").mkdir()
    shutil.copy(ws / "roles/junior-account-manager.yaml", ws / "roles/sub/")
    edit(
        ws, "roles/sub/junior-account-manager.yaml", "extends: _base.yaml", "extends: ../_base.yaml"
    )
    one = "roles/junior-account-manager.yaml"
    lint, build = jdgen("lint", one), jdgen("build", "-f", "md", "-o", str(out), one)
    assert (lint.exit_code, build.exit_code) == (1, 1), build.output
    assert errors(build.stderr) == errors(lint.stdout)
    assert "is used by more than one file" in errors(build.stderr)[0]


def test_a_draft_build_redrafts_a_role_another_role_now_faults(ws: Path) -> None:
    out = ws / "out"
    assert jdgen("build", "-f", "md,json", "-o", str(out)).exit_code == 0
    assert (out / "junior-account-manager/posting.json").is_file()
    senior = "roles/senior-account-manager.yaml"
    text = (ws / senior).read_text()
    low, high = re.search(r"salary:\n  min: (\d+)\n  max: (\d+)", text).groups()
    edit(ws, senior, f"  min: {low}\n  max: {high}", "  min: 30000\n  max: 40000")
    assert jdgen("lint", "roles/junior-account-manager.yaml").exit_code == 1  # the premise
    result = jdgen("build", "--draft", "-f", "md,json", "-o", str(out))
    assert result.exit_code == 0, result.output
    drafts = result.stdout.split("as drafts: ")[1].split(";")[0].strip().split(", ")
    assert "junior-account-manager" in drafts and "senior-account-manager" in drafts
    assert (out / "junior-account-manager/posting.md").read_text().startswith("> **Draft")
    assert not (out / "junior-account-manager/posting.json").exists()


def test_building_a_base_builds_the_roles_that_use_it(ws: Path) -> None:
    edit(ws, "roles/_base.yaml", "employment_type: full-time", "employment_type: sometimes")
    lint = jdgen("lint", "roles/_base.yaml")
    build = jdgen("build", "-f", "md", "-o", str(ws / "out"), "roles/_base.yaml")
    assert (lint.exit_code, build.exit_code) == (1, 1)
    assert errors(build.stderr) == errors(lint.stdout)
    assert build.stderr.splitlines()[-1].endswith(f"4 failed lint: {', '.join(ROLES)}")
    edit(ws, "roles/_base.yaml", "employment_type: sometimes", "employment_type: full-time")
    build = jdgen("build", "-f", "md", "-o", str(ws / "out"), "roles/_company.es.yaml")
    assert build.exit_code == 0 and build.stdout.startswith("Built 4 roles")


def test_lint_checks_the_locales_build_is_asked_for(ws: Path) -> None:
    (ws / "roles/junior-account-manager.fr.yaml").write_text("titel: Chargé de comptes\n")
    lint = jdgen("lint", "--locale", "en,fr")
    build = jdgen("build", "-f", "md", "-o", str(ws / "out"), "--locale", "en,fr")
    assert (lint.exit_code, build.exit_code) == (1, 1)
    assert (
        errors(build.stderr)
        == errors(lint.stdout)
        == [
            "roles/junior-account-manager.fr.yaml:1:1: error [schema] titel: not in the original, "
            "so there is nothing to translate"
        ]
    )


def test_a_role_whose_own_file_has_no_translation_is_not_translated(ws: Path) -> None:
    (ws / "roles/junior-account-manager.es.yaml").unlink()  # _base.es.yaml stays
    lint = jdgen("lint")
    lines = [line for line in lint.stdout.splitlines() if "junior" in line and "(es)" in line]
    assert lines == [
        "roles/junior-account-manager.yaml:2:8: warning [missing-translation] the role has no "
        "Spanish (es) translation, so no Spanish posting is written (add "
        "roles/junior-account-manager.es.yaml, or set build.untranslated: original)"
    ]
    build = jdgen("build", "-f", "md", "-o", str(ws / "out"))
    assert not (ws / "out/junior-account-manager/posting.es.md").exists()
    assert (ws / "out/junior-account-manager/posting.ca.md").is_file()
    assert "not translated, so skipped: junior-account-manager (es)" in build.stdout


def test_a_config_of_comments_alone_is_no_config(ws: Path) -> None:
    (ws / ".jdgen.yaml").write_text("# settings come later\n")
    assert jdgen("lint").exit_code == 0
    assert jdgen("build", "-f", "md", "-o", str(ws / "out")).exit_code == 0


def test_a_bad_rule_setting_fails_an_empty_workspace_too(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "roles").mkdir()
    (tmp_path / ".jdgen.yaml").write_text("lint:\n  rules:\n    nope: off\n")
    monkeypatch.chdir(tmp_path)
    assert jdgen("lint").exit_code == jdgen("build", "-f", "md").exit_code == 2
