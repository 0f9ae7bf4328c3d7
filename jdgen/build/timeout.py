"""A time limit on rendering, so that a pathological template cannot hang a build.

A template from the workspace can loop for a very long time, and a stylesheet can
make WeasyPrint lay out a huge document. :func:`time_limit` arms a timer
(``SIGALRM``) around one role's rendering and interrupts it when the time is up.

The interruption is a :class:`TimeLimitExceeded`, a ``BaseException``, so that
the ``except Exception`` blocks inside Jinja2 and WeasyPrint (which log and carry
on) cannot swallow it; and the timer repeats every second until the block exits,
in case something swallows it anyway.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(BaseException):
    """Rendering took longer than its time limit."""


def _expire(signum: int, frame: object) -> None:
    raise TimeLimitExceeded


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block once ``seconds`` have passed.

    No limit when ``seconds`` is ``None`` or 0, or outside the main thread (where
    Python cannot receive signals).
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
