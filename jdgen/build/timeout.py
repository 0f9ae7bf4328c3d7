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


class TimeLimitExceeded(BaseException):
    """Rendering took longer than its time limit."""


class time_limit:  # lower case: used as a function, ``with time_limit(2):``
    """Raise :class:`TimeLimitExceeded` in the block once ``seconds`` have passed.

    No limit when ``seconds`` is ``None`` or 0, or outside the main thread (where
    Python cannot receive signals).

    A class, not a generator: the repeated alarm must never fire once the block is
    being left. Unwinding a deep template's frames can take longer than the interval,
    and an alarm raised inside a generator context manager's ``__exit__``, before its
    ``finally`` runs, escaped every handler and left the timer running.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.active = False
        self.previous = None

    def _expire(self, signum: int, frame: object) -> None:
        if self.active:
            raise TimeLimitExceeded

    def __enter__(self) -> None:
        if (
            not self.seconds
            or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
        ):
            return
        self.active = True
        self.previous = signal.signal(signal.SIGALRM, self._expire)
        signal.setitimer(signal.ITIMER_REAL, self.seconds, 1.0)

    def __exit__(self, *exc: object) -> None:
        if not self.active:
            return
        self.active = False  # first: an alarm from here on does nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
