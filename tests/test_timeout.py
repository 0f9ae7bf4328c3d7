"""The time limit on rendering: a pathological template fails its role instead of hanging."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from jdgen.build.runner import BuildOptions, build
from jdgen.build.timeout import TimeLimitExceeded, time_limit

# Ten billion loop iterations for the role titled "Slow"; the others render normally.
SLOW_MD = (
    "# {{ title }}\n"
    "{% if title == 'Slow' %}{% for i in range(100000) %}{% for j in range(100000) %}"
    "{% endfor %}{% endfor %}{% endif %}\n"
)
ROLES = {
    "roles/fast.yaml": "title: Fast\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
    "roles/slow.yaml": "title: Slow\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
    "roles/steady.yaml": "title: Steady\nlevel: mid\nsalary: {min: 48000, max: 56000, currency: EUR}\n",
}
MESSAGE = (
    "roles/slow.yaml:1:1: error: rendering took longer than 0.5 seconds, the time limit "
    "(a template or stylesheet may loop; see --time-limit)"
)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_looping_template_fails_its_role_in_time(make_workspace, tmp_path: Path, jobs) -> None:
    ws = make_workspace({**ROLES, "templates/posting.md.j2": SLOW_MD})
    started = time.perf_counter()
    report = build(ws, None, BuildOptions(tmp_path / "out", ("md",), jobs=jobs, time_limit=0.5))
    assert time.perf_counter() - started < 10
    assert [(o.role_id, o.messages) for o in report.failed] == [("slow", [MESSAGE])]
    assert [o.role_id for o in report.built] == ["fast", "steady"]
    assert not (tmp_path / "out/slow").exists()


@pytest.mark.pdf
# When the alarm lands inside a garbage-collector callback (hypothesis installs one),
# Python prints the interruption as "ignored"; the timer fires again a second later,
# which is what this test shows still stops the page.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_page_that_takes_too_long_to_print_fails_its_role(make_workspace, tmp_path) -> None:
    # Quick for Jinja2, a few minutes for WeasyPrint to lay out.
    page = (
        "{% extends 'page.html.j2' %}{% block content %}"
        "{% for i in range(8000) %}<p>{{ title }} {{ i }}</p>{% endfor %}{% endblock %}"
    )
    ws = make_workspace(
        {"roles/slow.yaml": ROLES["roles/slow.yaml"], "templates/posting.html.j2": page}
    )
    started = time.perf_counter()
    report = build(ws, None, BuildOptions(tmp_path / "out", ("pdf",), jobs=1, time_limit=0.5))
    assert time.perf_counter() - started < 10  # unlimited, it takes 25 s or more
    assert [o.messages for o in report.outcomes] == [[MESSAGE]]


def test_time_limit_interrupts_and_then_disarms() -> None:
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        while True:
            pass
    with time_limit(0.05):
        pass
    time.sleep(0.1)  # the timer is off: nothing fires after the block


def test_an_exception_handler_in_the_way_does_not_swallow_the_limit() -> None:
    caught = 0
    with pytest.raises(TimeLimitExceeded), time_limit(0.05):
        while True:
            try:
                time.sleep(1)
            except Exception:  # what a library might do with errors
                caught += 1
    assert caught == 0


def test_no_limit() -> None:
    with time_limit(None):
        time.sleep(0.01)


def test_leaving_the_block_slowly_raises_once_and_disarms() -> None:
    """Unwinding a deep template can take longer than the alarm's one-second repeat: the
    limit is raised from the block, never from outside it, and nothing fires after."""

    class SlowToLeave:
        def __enter__(self) -> None:
            pass

        def __exit__(self, *exc: object) -> None:
            deadline = time.perf_counter() + 1.3  # past the first repeat
            while time.perf_counter() < deadline:
                pass

    with pytest.raises(TimeLimitExceeded), time_limit(0.05), SlowToLeave():
        while True:
            pass
    deadline = time.perf_counter() + 1.3
    while time.perf_counter() < deadline:  # an alarm still armed would raise here
        pass
