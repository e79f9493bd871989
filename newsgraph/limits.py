"""A time limit for work on one input, so that a pathological article cannot hang a whole run."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class AnalysisTimeout(Exception):
    """The work on an input ran past its time limit."""


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise AnalysisTimeout in this block after ``seconds`` (main thread only; elsewhere no limit).

    The signal interrupts Python code between bytecodes, which is where spaCy's components hand back
    control, so a runaway extractor or a slow pipeline step is stopped at its next Python step.
    """
    if not seconds or not _can_interrupt():
        yield
        return

    def expire(signum, frame):  # noqa: ARG001 - the signal handler's fixed signature
        raise AnalysisTimeout(f"analysis ran past its time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
