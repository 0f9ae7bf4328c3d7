"""What keeps lint lean: one-off work done once per process, and the same answers as the
slower ways it replaced (a regular expression of every phrase, pair-by-pair comparisons).

Timings are measured by ``bench/``, not here.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import jdgen.load.source
from jdgen.lint.rules import exclusionary_language, gender_coded, title_level
from jdgen.lint.run import lint_paths
from jdgen.lint.text import Loader, TermMatcher, canonical, data_file, normalize_phrase
from jdgen.load.workspace import Workspace


class RegexTermMatcher:
    """The matcher TermMatcher replaced: one regular expression of every phrase."""

    def __init__(self, terms: dict) -> None:
        self.terms = {normalize_phrase(k): v for k, v in terms.items() if normalize_phrase(k)}
        alternatives = sorted(self.terms, key=len, reverse=True)
        body = "|".join(r"[\W_]+".join(map(re.escape, t.split(" "))) for t in alternatives)
        self.pattern = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])") if body else None

    def finditer(self, text: str):
        if self.pattern is None:
            return
        # Both read the text as canonical() gives it, and point at the words as written.
        view = canonical(text)
        for m in self.pattern.finditer(view.text):
            value = self.terms.get(normalize_phrase(m.group()))
            if value is not None:
                yield (*view.span(m.start(), m.end()), value)


def phrases() -> dict[str, object]:
    terms: dict[str, object] = {}
    for language in ("en", "es", "ca"):
        for entry in data_file("lint/exclusionary.yaml").get(language, []):
            for form in [entry["phrase"], *entry.get("variants", [])]:
                terms.setdefault(form, entry["phrase"])
            for fine in entry.get("except", []):
                terms[fine] = None
    return terms


TERMS = phrases()
NEW, OLD = TermMatcher(TERMS), RegexTermMatcher(TERMS)
WORDS = sorted({w for t in TERMS for w in re.findall(r"\w+", t)})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(sorted(TERMS)),
            st.sampled_from(WORDS),
            st.sampled_from([" ", "-", ", ", "_", "'", " — ", "\n", "ﬁ", "É", "2"]),
            st.text(max_size=5),
        ),
        max_size=25,
    ).map("".join)
)
def test_term_matcher_finds_what_one_big_regex_found(text: str) -> None:
    assert list(NEW.finditer(text)) == list(OLD.finditer(text))


def test_term_matcher_agrees_on_every_listed_phrase() -> None:
    """Each phrase alone, and inside a sentence: where a phrase is the start of a longer
    one ("culture" and "culture fit"), the longer one must win, as before."""
    for term in TERMS:
        for text in (term, f"Our {term.upper()}, and more.", f"{term}-{term}"):
            assert list(NEW.finditer(text)) == list(OLD.finditer(text)), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefghijklmnoprstuvwxyz'’éè"), max_size=14))
def test_plain_stems_match_as_the_regular_expression_did(word: str) -> None:
    lexicon = gender_coded._lexicon()
    stems = sorted(lexicon.plain, key=len, reverse=True)
    old = re.compile("|".join(map(re.escape, stems))).match(word)
    assert lexicon.plain_stem(word) == (old.group() if old else None)


def test_word_lists_and_matchers_are_built_once_per_process(tmp_path: Path) -> None:
    (tmp_path / "roles").mkdir()
    for n in range(3):
        (tmp_path / f"roles/r{n}.yaml").write_text(f"title: Rockstar Ninja {n}\nlevel: mid\n")
    lint_paths(Workspace(tmp_path), None, jobs=1)
    before = [
        f.cache_info()
        for f in (
            data_file,
            exclusionary_language._matcher,
            gender_coded._lexicon,
            title_level._matchers,
        )
    ]
    lint_paths(Workspace(tmp_path), None, jobs=1)
    after = [
        f.cache_info()
        for f in (
            data_file,
            exclusionary_language._matcher,
            gender_coded._lexicon,
            title_level._matchers,
        )
    ]
    assert [a.misses for a in after] == [b.misses for b in before]
    assert sum(a.hits for a in after) > sum(b.hits for b in before)


def test_yaml_is_read_with_libyaml() -> None:
    assert jdgen.load.source.Loader is yaml.CSafeLoader
    assert Loader is yaml.CSafeLoader


def test_parallel_lint_finds_what_serial_lint_finds(tmp_path: Path) -> None:
    """Per-role and workspace-wide findings, suppressions, and a file that does not load."""
    (tmp_path / "roles").mkdir()
    levels = ["entry", "junior", "mid", "senior", "lead", "principal"]
    titles = ["Junior Sales Ninja", "Senior Account Manager", "Salesman", "Account Manager"]
    for n in range(60):
        lo = 30000 + (n * 7919) % 90000
        role = {
            "title": titles[n % 4],
            "level": levels[n % 6],
            "summary": "A young and dynamic rockstar team; work hard, play hard.",
            "duties": ["Dominate the competitive market", "Support our loyal customers"],
            "salary": {"min": lo, "max": lo + 20000, "currency": "USD", "period": "year"},
        }
        text = yaml.safe_dump(role)
        if n % 5 == 0:
            text = text.replace("title:", "# jdgen: disable-file=vague-title\ntitle:")
        (tmp_path / f"roles/r{n:02}.yaml").write_text(text)
    (tmp_path / "roles/broken.yaml").write_text("title: [\n")
    serial = lint_paths(Workspace(tmp_path), None, jobs=1)
    parallel = lint_paths(Workspace(tmp_path), None, jobs=2)
    assert parallel.problems == serial.problems
    assert (parallel.unreadable, parallel.files) == (serial.unreadable, serial.files) == (True, 61)
    rules = {p.rule for p in serial.problems}
    assert {"salary-band", "title-level", "vague-title", "exclusionary-language", "schema"} <= rules


# -- workspace-wide rules: an index instead of comparing every pair of roles -----------------------


def brute_title_level(roles, context, options):
    """title-level's check_workspace as it was: every role against every other."""
    from jdgen.lint.rules.title_level import LEVELS, _band, _levels, money_range, title_levels

    banded = [r for r in roles if _band(r)]
    for role in banded:
        signals, allowed = title_levels(role.title, "en")
        if not signals:
            allowed = {role.level}
        top = max(LEVELS.index(level) for level in allowed)
        mine = role.band
        for other in banded:
            theirs = other.band
            if (
                LEVELS.index(other.level) > top
                and (theirs.currency, theirs.period) == (mine.currency, mine.period)
                and mine.min > theirs.min
                and mine.max > theirs.max
            ):
                band = money_range(theirs.min, theirs.max, theirs.currency, "en_US")
                reads_as = _levels(sorted(allowed, key=LEVELS.index))
                yield (
                    role.display,
                    context.at(
                        role.mark("title"),
                        f"the title reads as {reads_as}, but its band is above the "
                        f"{other.level} band of {other.role_id} ({band})",
                        "check the title, the level and the band",
                    ),
                )
                break


def brute_salary_band(roles, context, options):
    """salary-band's check_workspace as it was."""
    from jdgen.lint.rules.salary_band import LEVELS, money_range

    groups = {}
    for role in roles:
        band = role.band
        if band and band.min and band.max and band.currency and band.min <= band.max:
            groups.setdefault((band.currency, band.period), []).append(role)
    for (currency, _period), members in groups.items():
        members.sort(key=lambda r: LEVELS.index(r.level))
        for i, high in enumerate(members):
            rank = LEVELS.index(high.level)
            for low in members[:i]:
                if LEVELS.index(low.level) >= rank:
                    continue
                a, b = low.band, high.band
                if b.min < a.min or b.max < a.max:
                    mine = money_range(b.min, b.max, currency, "en_US")
                    theirs = money_range(a.min, a.max, currency, "en_US")
                    yield (
                        high.display,
                        context.at(
                            high.mark("salary"),
                            f"the {high.level} band {mine} lies below the {low.level} "
                            f"band of {low.role_id} ({theirs})",
                            "a higher level's band should start and end at or above a "
                            "lower level's",
                        ),
                    )
                    break


LADDER_ROLE = st.fixed_dictionaries(
    {
        "title": st.sampled_from(
            [
                "Junior Account Manager",
                "Senior Account Manager",
                "Account Manager",
                "Lead Engineer",
                "Sales Intern",
            ]
        ),
        "level": st.sampled_from(["entry", "junior", "mid", "senior", "lead", "principal"]),
        "min": st.integers(1, 12),
        "width": st.integers(0, 4),
        "currency": st.sampled_from(["USD", "EUR"]),
    }
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LADDER_ROLE, max_size=14))
def test_workspace_rules_find_what_comparing_every_pair_found(ladder: list[dict]) -> None:
    from jdgen.lint.config import lint_config
    from jdgen.lint.context import LintContext
    from jdgen.lint.facts import Band, RoleFacts
    from jdgen.lint.registry import RULES
    from jdgen.lint.rules import salary_band
    from jdgen.load.config import WorkspaceConfig

    roles = []
    for n, r in enumerate(ladder):
        low, high = r["min"] * 10000, (r["min"] + r["width"]) * 10000
        band = Band(float(low), float(high), r["currency"], "year")
        marks = {"title": (f"r{n}.yaml", 1, 8), "salary": (f"r{n}.yaml", 3, 1)}
        roles.append(RoleFacts(f"r{n}", f"r{n}.yaml", r["title"], r["level"], "en", band, marks))
    config = lint_config(WorkspaceConfig(), RULES)
    context = LintContext(Workspace(Path(".")), config)
    for module, brute in ((title_level, brute_title_level), (salary_band, brute_salary_band)):
        options = config.rules[module.ID].options
        assert list(module.check_workspace(roles, context, options)) == list(
            brute(roles, context, options)
        )
