"""The HR review pack: index.html lists every role; review.pdf has a summary, the ladder and sheets."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from jdgen.build.runner import BuildOptions, build
from jdgen.diagnostics import Level
from jdgen.lint.formats import format_text
from jdgen.lint.run import lint_paths
from jdgen.load.workspace import Workspace

GOLDEN = Path(__file__).resolve().parent / "fixtures" / "golden" / "workspace"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    report = build(Workspace(GOLDEN), None, BuildOptions(out, ("html",)))
    assert report.warnings == [] and report.workspace_written == [out / "index.html"]
    return out


def rows(page: str) -> dict[str, str]:
    """Each table row of the index, by role id."""
    return dict(re.findall(r'<tr id="role-([a-z0-9-]+)">(.*?)</tr>', page, re.S))


def test_the_index_lists_every_role_with_level_band_and_links(site: Path) -> None:
    page = (site / "index.html").read_text()
    found = rows(page)
    assert list(found) == ["key-account-manager", "support-specialist"]
    key = found["key-account-manager"]
    assert "Key Account Manager" in key and "<td>Senior</td>" in key
    assert "$51,933 – $94,871 per year" in key
    links = re.findall(r'href="([^"]+)"', key)
    assert links == ["key-account-manager/posting.html", "key-account-manager/hiring-plan.html"]
    assert all((site / link).is_file() for link in links)
    support = found["support-specialist"]
    assert "€14.50 – €17.25 per hour" in support
    assert re.findall(r'href="([^"]+)"', support) == ["support-specialist/posting.html"]
    assert "Review pack (PDF)" not in page  # no PDF was built


# Each role's own file, and the shared files it is built from.
FILES = {
    "key-account-manager": {
        "roles/key-account-manager.yaml",
        "roles/_base.yaml",
        "roles/_company.yaml",
    },
    "support-specialist": {"roles/support-specialist.yaml", "roles/_company.yaml"},
}


def test_the_lint_status_is_the_linters(site: Path) -> None:
    problems = lint_paths(Workspace(GOLDEN), None).problems
    found = rows((site / "index.html").read_text())
    for role_id, row in found.items():
        mine = [p for p in problems if p.path in FILES[role_id] and p.level >= Level.WARNING]
        errors = sum(1 for p in mine if p.level == Level.ERROR)
        counts = [
            f"{n} {word}{'s' if n != 1 else ''}"
            for n, word in ((errors, "error"), (len(mine) - errors, "warning"))
            if n
        ]
        label = re.search(r'<span class="status status-\w+">(.*?)</span>', row).group(1)
        assert label == (", ".join(counts) or "No problems"), role_id
        assert row.count("<li>roles/") == len(mine)
    assert any("<li>roles/" in row for row in found.values())  # the fixture has some problems


def test_one_chart_per_currency_and_period(site: Path) -> None:
    page = (site / "index.html").read_text()
    charts = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(charts) == 2
    assert "Base salary per hour (EUR)" in charts[0] and "Base salary per year (USD)" in charts[1]


def test_a_role_that_does_not_build_is_listed_as_such(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(
        {
            "roles/good.yaml": "title: Account Manager\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
            "roles/broken.yaml": "title: Broken\nlevel: boss\n",
        }
    )
    build(ws, None, BuildOptions(tmp_path / "out", ("html",)))
    found = rows((tmp_path / "out/index.html").read_text())
    assert '<span class="status status-failed">Does not build</span>' in found["broken"]
    assert "roles/broken.yaml:2:8: error [schema] level: expected one of" in found["broken"]
    assert "href" not in found["broken"]
    assert '<span class="status status-warning">' in found["good"]  # warnings do not block


def test_only_a_build_of_the_whole_workspace_writes_the_pack(
    make_workspace, tmp_path: Path
) -> None:
    ws = make_workspace(
        {
            "roles/a.yaml": "title: Account Manager\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n"
        }
    )
    report = build(ws, [ws.roles_dir / "a.yaml"], BuildOptions(tmp_path / "some", ("html",)))
    assert report.workspace_written == [] and not (tmp_path / "some/index.html").exists()
    report = build(ws, None, BuildOptions(tmp_path / "md", ("md",)))
    assert report.workspace_written == [] and not (tmp_path / "md/index.html").exists()


def test_the_workspace_can_restyle_the_pack(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(
        {
            "roles/a.yaml": "title: Account Manager\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
            "templates/review.css": ".index main { max-width: 90rem; } /* house style */\n",
        }
    )
    build(ws, None, BuildOptions(tmp_path / "out", ("html",)))
    page = (tmp_path / "out/index.html").read_text()
    assert "/* house style */" in page and ".status-clean" not in page


@pytest.mark.pdf
def test_the_review_pdf_has_summary_ladder_sheets_and_every_document(golden_pdfs: Path) -> None:
    pdf = golden_pdfs / "review.pdf"

    def text(page: int) -> str:
        return subprocess.run(
            [
                "pdftotext",
                "-enc",
                "UTF-8",
                "-layout",
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                "-",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    summary = text(1)
    assert "Hiring review pack" in summary and "Tramuntana Software" in summary.replace(
        "TRAMUNTANA SOFTWARE", "Tramuntana Software"
    )
    assert "To review: 2 new, 0 changed since approval" in summary
    assert summary.count("New: never") == 2 and "OTE" in summary
    ladder = text(2)
    assert "Career ladder" in ladder and "$51,933" in ladder and "€14.50" in ladder
    sheets = text(3) + text(4)
    assert sheets.upper().count("REVIEW SHEET") == 2
    entries = re.findall(r"(Posting \(English\)|Hiring plan) · (\d+)", sheets)
    assert [name for name, _ in entries] == [
        "Posting (English)",
        "Hiring plan",
        "Posting (English)",
    ]
    key_posting, key_plan, support_posting = (int(page) for _, page in entries)
    assert "Key Account Manager" in text(key_posting) and "About the role" in text(key_posting)
    assert "HIRING PLAN" in text(key_plan).upper() and "Interview plan" in text(key_plan)
    assert "Entry-level Customer Support Specialist" in text(support_posting)
    assert key_posting < key_plan < support_posting


@pytest.mark.pdf
def test_the_review_pdf_is_the_role_pdfs_after_its_front_matter(golden_pdfs: Path) -> None:
    """The postings and plans are the files the build wrote, page for page, not a new layout."""
    import pikepdf

    pack = pikepdf.open(golden_pdfs / "review.pdf")
    parts = [
        golden_pdfs / "key-account-manager/posting.pdf",
        golden_pdfs / "key-account-manager/hiring-plan.pdf",
        golden_pdfs / "support-specialist/posting.pdf",
    ]
    lengths = [len(pikepdf.open(p).pages) for p in parts]
    front = len(pack.pages) - sum(lengths)
    assert front == 4  # summary, career ladder, a review sheet for each (new) role
    start = front
    for path, length in zip(parts, lengths, strict=True):
        own = pikepdf.open(path)
        for i in range(length):
            assert pack.pages[start + i].Contents.read_bytes() == own.pages[i].Contents.read_bytes()
        start += length

    # The review sheets link to each part's first page.
    starts = [front, front + lengths[0], front + lengths[0] + lengths[1]]
    actions = [a.get("/A") for page in pack.pages[2:4] for a in page.obj.get("/Annots", [])]
    # (WeasyPrint writes a link as several annotations, one for each box of its line.)
    targets = [a.D[0].objgen for a in actions if a is not None and a.get("/S") == "/GoTo"]
    assert [pack.pages[i].objgen for i in starts] == list(dict.fromkeys(targets))
    with pack.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[-3:] == [
        "Key Account Manager: Posting (English)",
        "Key Account Manager: Hiring plan",
        "Entry-level Customer Support Specialist (Spanish & Portuguese): Posting (English)",
    ]


@pytest.mark.pdf
def test_the_joined_structure_tree_ties_every_page_and_link_to_its_own_elements(
    golden_pdfs: Path,
) -> None:
    import pikepdf

    pack = pikepdf.open(golden_pdfs / "review.pdf")
    tree = pack.Root.StructTreeRoot
    nums = tree.ParentTree.Nums
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert len(keys) == len(set(keys)) and int(tree.ParentTreeNextKey) == max(keys) + 1
    used = [int(page.obj.StructParents) for page in pack.pages]
    used += [
        int(annot.StructParent)
        for page in pack.pages
        for annot in page.obj.get("/Annots", [])
        if "/StructParent" in annot
    ]
    assert len(used) == len(set(used)) and set(used) <= set(keys)
    assert [str(e.S) for e in tree.K] == ["/Document", "/Part", "/Part", "/Part"]
    assert all(e.P.objgen == tree.objgen for e in tree.K)


def _role(title: str, level: str, low: int, high: int, extra: str = "") -> str:
    return (
        f"title: {title}\nlevel: {level}\n{extra}"
        f"salary:\n  min: {low}\n  max: {high}\n  currency: USD\n"
    )


LADDER = {
    "roles/junior.yaml": _role("Junior Account Manager", "junior", 70000, 80000),
    "roles/senior.yaml": _role("Senior Account Manager", "senior", 50000, 60000),
    # Silenced in its own file: the index must not count it.
    "roles/rock.yaml": _role(
        "Rockstar Account Manager  # jdgen: disable=title-format", "mid", 60000, 70000
    ),
    "roles/skipped.yaml": _role("Sales Ninja", "mid", 60000, 70000),
    ".jdgen.yaml": "lint:\n  ignore: ['roles/skipped.yaml']\n",
}


def _statuses(out: Path) -> dict[str, list[str]]:
    """Each role's listed problems in the index."""
    found = rows((out / "index.html").read_text())
    return {
        role_id: [html.unescape(p) for p in re.findall(r"<li>(roles/[^<]*)</li>", row)]
        for role_id, row in found.items()
    }


def _linted(
    ws: Workspace, stems: tuple[str, ...] = ("junior", "rock", "senior", "skipped")
) -> dict[str, list[str]]:
    """What ``jdgen lint`` of the whole workspace reports in each role's own file."""
    problems = lint_paths(Workspace(ws.root), None).problems
    return {
        stem: [
            format_text(p)
            for p in problems
            if p.path == f"roles/{stem}.yaml" and p.level >= Level.WARNING
        ]
        for stem in stems
    }


def test_the_index_has_the_linters_findings_workspace_wide_ones_too(
    make_workspace, tmp_path: Path
) -> None:
    ws = make_workspace(LADDER)
    build(ws, None, BuildOptions(tmp_path / "out", ("html",), jobs=1))
    listed = _statuses(tmp_path / "out")
    assert listed == _linted(ws)
    assert any("salary-band" in p and "below the junior band" in p for p in listed["senior"])
    assert any("[title-level]" in p and "its band is above the" in p for p in listed["junior"])
    assert listed["skipped"] == []  # lint.ignore: not checked, so nothing is shown


def test_an_ignored_role_still_counts_for_the_others(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(
        {
            "roles/junior.yaml": _role("Junior Account Manager", "junior", 70000, 80000),
            "roles/senior.yaml": _role("Senior Account Manager", "senior", 50000, 60000),
            ".jdgen.yaml": "lint:\n  ignore: ['roles/junior.yaml']\n",
        }
    )
    build(ws, None, BuildOptions(tmp_path / "out", ("html",), jobs=1))
    listed = _statuses(tmp_path / "out")
    assert any("below the junior band of junior" in p for p in listed["senior"])
    assert listed["junior"] == []
    assert listed == {k: v for k, v in _linted(ws).items() if k in listed}


def test_a_translation_added_later_rebuilds_its_role(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(
        {
            "roles/a.yaml": _role("Account Manager", "mid", 60000, 70000),
            ".jdgen.yaml": "build:\n  locales: [en, es]\n",
        }
    )
    out = tmp_path / "out"
    build(ws, None, BuildOptions(out, ("html",), locales=("en",), jobs=1))
    assert any("[missing-translation]" in p for p in _statuses(out)["a"])
    (ws.roles_dir / "a.es.yaml").write_text("title: Gestor de cuentas\n")
    report = build(Workspace(ws.root), None, BuildOptions(out, ("html",), locales=("en",), jobs=1))
    assert [(o.role_id, o.reason) for o in report.outcomes] == [("a", "roles/a.es.yaml changed")]
    assert not any("[missing-translation]" in p for p in _statuses(out)["a"])


def test_a_rebuild_of_one_role_updates_every_roles_status_without_linting_them_again(
    make_workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clean = {
        "roles/junior.yaml": _role("Junior Account Manager", "junior", 40000, 45000),
        "roles/senior.yaml": _role("Senior Account Manager", "senior", 50000, 60000),
        "roles/lead.yaml": _role("Lead Account Manager", "lead", 70000, 80000),
    }
    ws = make_workspace(clean)
    out = tmp_path / "out"
    assert build(ws, None, BuildOptions(out, ("html",), jobs=1)).exit_code == 0
    # The junior band rises above the senior's: the senior role is not loaded again,
    # but the workspace-wide rule now faults it, so it is refused, its files kept.
    (ws.roles_dir / "junior.yaml").write_text(
        _role("Junior Account Manager", "junior", 55000, 65000)
    )
    loaded: list[str] = []
    real = Workspace.load_role

    def spy(self: Workspace, path: Path, *args, **kwargs):
        loaded.append(path.name)
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(Workspace, "load_role", spy)
    senior_page = (out / "senior/posting.html").read_bytes()
    report = build(Workspace(ws.root), None, BuildOptions(out, ("html",), jobs=1))
    assert set(loaded) == {"junior.yaml"}  # the others' facts came from the cache
    assert [(o.role_id, o.skipped, o.refused) for o in report.outcomes] == [
        ("junior", False, True),  # its title reads as junior, its band above a senior's
        ("lead", True, False),
        ("senior", False, True),
    ]
    assert (out / "senior/posting.html").read_bytes() == senior_page
    monkeypatch.undo()
    listed = _statuses(out)
    assert any("below the junior band" in p for p in listed["senior"])
    assert {k: v for k, v in listed.items()} == {
        k: v for k, v in _linted(ws, ("junior", "lead", "senior")).items()
    }


def test_the_index_lints_in_the_configured_locales(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(
        {
            "roles/a.yaml": _role("Account Manager", "mid", 60000, 70000),
            "roles/a.es.yaml": "title: Gestor de cuentas ninja\n",
            ".jdgen.yaml": "build:\n  locales: [en, es]\n",
        }
    )
    build(ws, None, BuildOptions(tmp_path / "out", ("html",), locales=("en",), jobs=1))
    problems = lint_paths(Workspace(ws.root), None).problems
    translated = [p for p in problems if p.path == "roles/a.es.yaml" and p.level >= Level.WARNING]
    assert translated  # the premise: lint finds a problem in the translation
    listed = _statuses(tmp_path / "out")["a"]
    assert [p for p in listed if p.startswith("roles/a.es.yaml")] == [
        format_text(p) for p in translated
    ]


def test_a_change_of_lint_config_shows_in_the_index(make_workspace, tmp_path: Path) -> None:
    ws = make_workspace(LADDER)
    out = tmp_path / "out"
    build(ws, None, BuildOptions(out, ("html",), jobs=1))
    assert any("[salary-band]" in p for p in _statuses(out)["senior"])
    (ws.root / ".jdgen.yaml").write_text("lint:\n  rules:\n    salary-band: off\n")
    build(Workspace(ws.root), None, BuildOptions(out, ("html",), jobs=1))
    listed = _statuses(out)
    assert listed == _linted(ws) and not any("[salary-band]" in p for p in listed["senior"])
    assert listed["skipped"]  # no longer ignored
