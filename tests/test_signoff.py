"""HR sign-off: jdgen approve and status, the unapproved-change gate, and what the review
pack and the index show of it, on a copy of the shipped workspace (three locales)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from jdgen.cli import main

REPO = Path(__file__).resolve().parent.parent
KEY = "roles/key-account-manager.yaml"
DUTY = "Write an account plan for each customer, with goals, and review it with them every quarter"
NEW_DUTY = (
    "Write an account plan for each customer, with goals, and review it with them every month"
)
GATE = "lint:\n  rules:\n    unapproved-change: error\n"


def shipped(folder: Path) -> Path:
    shutil.copytree(REPO / "roles", folder / "roles")
    shutil.copy(REPO / ".jdgen.yaml", folder / ".jdgen.yaml")
    return folder


def jdgen(folder: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-C", str(folder), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def change_key_role(folder: Path) -> None:
    path = folder / KEY
    text = path.read_text(encoding="utf-8")
    assert DUTY in text and "  min: 51933\n" in text
    path.write_text(text.replace(DUTY, NEW_DUTY).replace("  min: 51933\n", "  min: 55000\n"))


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_status_lists_new_approved_and_changed_roles(tmp_path: Path) -> None:
    shipped(tmp_path)
    code, out = jdgen(tmp_path, "status")
    assert code == 0 and out.count("never approved") == 4
    code, out = jdgen(tmp_path, "approve", "--by", "Marta Puig", "--note", "2027 bands")
    assert code == 0 and out.count("Approved roles/") == 4
    record = (tmp_path / "approvals" / "key-account-manager.yaml").read_text(encoding="utf-8")
    assert "approved_by: Marta Puig\n" in record and "note: 2027 bands\n" in record
    assert f"      - {DUTY}\n" in record  # one line of the file per duty: diffs read well
    assert {"en:", "es:", "ca:"} <= {line.strip() for line in record.splitlines()}
    change_key_role(tmp_path)
    code, out = jdgen(tmp_path, "status")
    lines = dict(line.split(None, 1)[1].split(None, 1) for line in out.splitlines()[:-1])
    assert lines[KEY].startswith("changed since it was approved by Marta Puig on ")
    assert lines[KEY].endswith("(pay, duties)")
    others = [v for k, v in lines.items() if k != KEY]
    assert len(others) == 3 and all(v.startswith("approved by Marta Puig") for v in others)
    assert out.splitlines()[-1] == "4 roles: 3 approved, 1 changed since approval, 0 new"
    code, out = jdgen(tmp_path, "build", "-f", "md")  # the build's summary says so too
    assert code == 0
    assert out.rstrip().endswith(
        "; approvals: 1 changed since approval (key-account-manager), 3 approved (jdgen status)"
    )
    code, out = jdgen(tmp_path, "approve", "--by", "Jordi Vidal")
    assert out == "Approved roles/key-account-manager.yaml as Jordi Vidal\n"  # only the changed
    assert "4 roles: 4 approved" in jdgen(tmp_path, "status")[1]


def test_the_gate_fails_the_changed_role_only_and_approving_clears_it(tmp_path: Path) -> None:
    shipped(tmp_path)
    jdgen(tmp_path, "approve", "--by", "Marta Puig")
    assert jdgen(tmp_path, "lint", "roles/")[0] == 0  # off by default
    config = tmp_path / ".jdgen.yaml"
    config.write_text(config.read_text() + GATE)
    assert jdgen(tmp_path, "lint", "roles/")[0] == 0  # every role as approved
    change_key_role(tmp_path)
    code, out = jdgen(tmp_path, "lint", "-q", "roles/")
    title = 1 + (tmp_path / KEY).read_text().splitlines().index("title: Key Account Manager")
    assert code == 1
    assert out.splitlines() == [
        f"{KEY}:{title}:8: error [unapproved-change] the posting changed since it was approved "
        f"by Marta Puig on {_today()} (pay, duties) (review it and approve it: jdgen approve "
        "key-account-manager --by NAME)"
    ]
    code, _ = jdgen(tmp_path, "build", "-q", "-f", "md")  # build obeys lint: refused
    assert code == 1 and not (tmp_path / "output/key-account-manager/posting.md").exists()
    assert (tmp_path / "output/junior-account-manager/posting.md").exists()
    assert jdgen(tmp_path, "approve", "key-account-manager", "--by", "Marta Puig")[0] == 0
    assert jdgen(tmp_path, "lint", "roles/")[0] == 0
    assert jdgen(tmp_path, "build", "-q", "-f", "md")[0] == 0


def _today() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).date().isoformat()


@pytest.mark.pdf
def test_the_pack_and_index_show_the_changed_role_with_its_redline_and_pay(tmp_path: Path) -> None:
    shipped(tmp_path)
    jdgen(tmp_path, "approve", "--by", "Marta Puig")
    assert jdgen(tmp_path, "build", "-q")[0] == 0
    approved = pdf_text(tmp_path / "output/review.pdf")
    assert (
        "0 new, 0 changed since approval" in approved and "REVIEW SHEET ·" not in approved.upper()
    )
    change_key_role(tmp_path)
    assert jdgen(tmp_path, "build", "-q")[0] == 0
    pack = pdf_text(tmp_path / "output/review.pdf")
    assert "To review: 0 new, 1 changed since approval" in pack
    assert pack.upper().count("REVIEW SHEET ·") == 1
    assert "REVIEW SHEET · ROLES/KEY-ACCOUNT-MANAGER.YAML" in pack.upper()
    flat = " ".join(pack.split())
    assert flat.count("Approved by") == 3 and "Marta Puig" in flat
    # The old and new words, marked so that they survive text extraction.
    assert "review it with them every [-quarter-] {+month+}" in flat
    assert "[-$51,933 – $94,871-]" in flat and "{+$55,000 – $94,871+}" in flat
    # The sheet is followed by the key role's postings in its three locales, and no plans.
    for locale in ("English", "Spanish", "Catalan"):
        assert f"Posting ({locale}) ·" in flat
    assert "Interview plan" not in pack
    index = (tmp_path / "output/index.html").read_text(encoding="utf-8")
    assert index.count("Approved by Marta Puig on") == 3
    assert "<del>quarter</del> <ins>month</ins>" in index
    assert "<td><del>$51,933 – $94,871</del></td><td><ins>$55,000 – $94,871</ins></td>" in index
    assert 'id="changes-key-account-manager"' in index and index.count('id="changes-') == 1
    # --full: every role in full; --with-plans: the hiring plans too.
    assert jdgen(tmp_path, "build", "-q", "--full", "--with-plans")[0] == 0
    full = pdf_text(tmp_path / "output/review.pdf")
    assert full.upper().count("REVIEW SHEET ·") == 4 and "Interview plan" in full


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def test_approvals_on_two_branches_merge_cleanly_and_survive_a_fresh_clone(tmp_path: Path) -> None:
    repo = shipped(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    jdgen(repo, "approve", "key-account-manager", "--by", "Marta Puig")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "roles, one approved")
    git(repo, "checkout", "-qb", "junior")
    jdgen(repo, "approve", "junior-account-manager", "--by", "Marta Puig")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "approve junior")
    git(repo, "checkout", "-q", "main")
    git(repo, "checkout", "-qb", "senior")
    jdgen(repo, "approve", "senior-account-manager", "--by", "Jordi Vidal")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "approve senior")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-edit", "junior")
    git(repo, "merge", "-q", "--no-edit", "senior")  # fails the test on a conflict
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    code, out = jdgen(clone, "status")
    assert code == 0
    assert out.splitlines()[-1] == "4 roles: 3 approved, 0 changed since approval, 1 new"
    assert "approved by Jordi Vidal" in out


def test_a_hand_edited_approval_is_a_problem_at_its_line(tmp_path: Path) -> None:
    shipped(tmp_path)
    jdgen(tmp_path, "approve", "key-account-manager", "--by", "Marta Puig")
    path = tmp_path / "approvals/key-account-manager.yaml"
    text = path.read_text()
    path.write_text(text.replace("      - Three to five years", "      - Ten years", 1))
    code, out = jdgen(tmp_path, "status")
    line = 1 + text.splitlines().index(next(x for x in text.splitlines() if "fingerprint" in x))
    assert code == 1
    assert f"approvals/key-account-manager.yaml:{line}:14: error [schema] the approval " in out
    assert "Traceback" not in out
    path.write_text("- not: a mapping\n")
    config = tmp_path / ".jdgen.yaml"
    config.write_text(config.read_text() + GATE)
    code, out = jdgen(tmp_path, "lint", "-q", KEY)
    assert code == 1
    assert out.startswith("approvals/key-account-manager.yaml:1:1: error [unapproved-change] ")
    # Approving again replaces the broken record.
    assert jdgen(tmp_path, "approve", "key-account-manager", "--by", "Marta Puig")[0] == 0
    assert jdgen(tmp_path, "lint", "-q", KEY) == (0, "")


def _approved_key_role(folder: Path) -> tuple[Path, str]:
    shipped(folder)
    jdgen(folder, "approve", "key-account-manager", "--by", "Ana Ruiz", "--note", "bands ok")
    path = folder / "approvals/key-account-manager.yaml"
    return path, path.read_text(encoding="utf-8")


def _line_of(text: str, start: str) -> int:
    return 1 + next(i for i, x in enumerate(text.splitlines()) if x.startswith(start))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("approved_by: Ana Ruiz\n", "approved_by: Eve\n"),
        ("note: bands ok\n", "note: all fine, trust me\n"),
        ("approved_at: '20", "approved_at: '19"),  # another, well-formed, date
    ],
)
def test_who_when_and_the_note_are_sealed_by_the_fingerprint(
    tmp_path: Path, old: str, new: str
) -> None:
    path, text = _approved_key_role(tmp_path)
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    where = f"approvals/key-account-manager.yaml:{_line_of(text, 'fingerprint:')}:14: error "
    code, out = jdgen(tmp_path, "status")
    assert code == 1 and "approved by Eve" not in out and "Traceback" not in out
    assert f"{where}[schema] the approval does not match its fingerprint" in out
    config = tmp_path / ".jdgen.yaml"
    config.write_text(config.read_text() + GATE)
    code, out = jdgen(tmp_path, "lint", "-q", KEY)  # the gate does not pass it
    assert code == 1 and out.startswith(f"{where}[unapproved-change] the approval does not")


def test_approved_at_must_be_a_timestamp_reported_at_its_line(tmp_path: Path) -> None:
    path, text = _approved_key_role(tmp_path)
    start = text.index("approved_at: ")
    stamp = text[start : text.index("\n", start)]
    path.write_text(text.replace(stamp, "approved_at: 'yesterday'"), encoding="utf-8")
    code, out = jdgen(tmp_path, "status")
    line = _line_of(text, "approved_at:")
    assert code == 1 and "on yesterday" not in out and "Traceback" not in out
    assert (
        f"approvals/key-account-manager.yaml:{line}:14: error [schema] approved_at: 'yesterday' "
        "is not an ISO 8601 date and time" in out
    )


def test_an_approval_in_the_earlier_format_asks_to_approve_again(tmp_path: Path) -> None:
    path, text = _approved_key_role(tmp_path)
    path.write_text(text.replace("format: 2\n", ""), encoding="utf-8")
    code, out = jdgen(tmp_path, "status")
    assert code == 1 and "approvals/key-account-manager.yaml:" in out
    assert "not in the format this jdgen writes (format: 2)" in out


def test_an_approval_file_of_no_role_is_reported_by_status_and_the_gate(tmp_path: Path) -> None:
    _, text = _approved_key_role(tmp_path)
    ghost = tmp_path / "approvals/ghost.yaml"
    ghost.write_text(text.replace("key-account-manager", "ghost"), encoding="utf-8")
    code, out = jdgen(tmp_path, "status")
    assert code == 0  # a warning: the roles themselves are as they were
    orphan = next(x for x in out.splitlines() if x.startswith("orphan "))
    assert orphan.split()[1] == "approvals/ghost.yaml"
    assert "there is no role 'ghost' in roles/" in orphan
    assert out.splitlines()[-1].endswith("; 1 approval file of no role")
    assert "ghost" not in jdgen(tmp_path, "status", "key-account-manager")[1]
    config = tmp_path / ".jdgen.yaml"
    config.write_text(config.read_text() + GATE)
    jdgen(tmp_path, "approve", "--by", "Ana Ruiz")
    code, out = jdgen(tmp_path, "lint", "-q", "roles/")
    assert code == 0
    assert out.splitlines() == [
        "approvals/ghost.yaml:1:1: warning [unapproved-change] this approval is of no role: "
        "there is no role 'ghost' in roles/ (remove the file, or, if the role was renamed, "
        "approve it under its new id)"
    ]
    assert jdgen(tmp_path, "lint", "-q", KEY) == (0, "")  # one role: not about the others
    ghost.unlink()
    assert jdgen(tmp_path, "lint", "-q", "roles/") == (0, "")


def test_a_role_held_back_only_by_the_gate_says_why_not_one_error(tmp_path: Path) -> None:
    shipped(tmp_path)
    jdgen(tmp_path, "approve", "--by", "Marta Puig")
    config = tmp_path / ".jdgen.yaml"
    config.write_text(config.read_text() + GATE)
    change_key_role(tmp_path)
    (tmp_path / "roles/new-account-manager.yaml").write_text(
        (tmp_path / "roles/senior-account-manager.yaml").read_text(encoding="utf-8")
    )
    for draft in (["--draft"], []):  # built as a draft, or refused
        jdgen(tmp_path, "build", "-q", "-f", "html", *draft)
        index = (tmp_path / "output/index.html").read_text(encoding="utf-8")
        assert '<span class="status status-' in index
        assert ">Changed since approval</span>" in index and ">1 error</span>" not in index
        assert index.count(">New: never approved</span>") >= 1


def test_approve_needs_a_name_and_a_known_role(tmp_path: Path) -> None:
    shipped(tmp_path)
    code, out = jdgen(tmp_path, "approve", "key-acount-manager", "--by", "Marta Puig")
    assert code == 2 and "did you mean 'key-account-manager'?" in out
    code, out = jdgen(tmp_path, "approve", "key-account-manager", "--by", "  ")
    assert code == 2 and "--by: say who approves" in out
    assert not (tmp_path / "approvals").exists()


def test_init_writes_the_gate_turned_off_with_when_to_turn_it_on(tmp_path: Path) -> None:
    import yaml

    assert jdgen(tmp_path, "init", str(tmp_path / "new"))[0] == 0
    config = (tmp_path / "new" / ".jdgen.yaml").read_text(encoding="utf-8")
    assert "#     unapproved-change: error\n" in config and "once every role is approved" in config
    on = config.replace("  rules: {}", "  rules:\n    unapproved-change: error", 1)
    assert yaml.safe_load(on)["lint"]["rules"] == {"unapproved-change": "error"}
    (tmp_path / "new" / ".jdgen.yaml").write_text(on, encoding="utf-8")
    code, out = jdgen(tmp_path / "new", "lint", "-q")
    assert code == 1 and "[unapproved-change] the role has never been approved" in out
