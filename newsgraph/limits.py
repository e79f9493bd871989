"""A time limit for work on one input, so that a pathological input cannot hang a whole run."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


class AnalysisTimeout(BaseException):
    """The work on an input ran past its time limit.

    A BaseException, like KeyboardInterrupt, so that parsers which catch every Exception (trafilatura
    does, around its extraction steps) cannot swallow it and carry on past the limit."""


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, what: str = "analysis") -> Iterator[None]:
    """Raise AnalysisTimeout in this block after ``seconds`` (main thread only; elsewhere no limit).

    The signal interrupts Python code between bytecodes, which is where spaCy's components and the
    parsers behind the readers hand back control, so a runaway step is stopped at its next Python step.
    Limits nest: an inner block never extends an outer one, and the outer one's clock keeps running.
    """
    if not seconds or not _can_interrupt():
        yield
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:
        yield  # the enclosing limit ends sooner and still applies
        return

    def expire(signum, frame):  # noqa: ARG001 - the signal handler's fixed signature
        raise AnalysisTimeout(f"{what} ran past its time limit of {seconds:g} s")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            signal.setitimer(signal.ITIMER_REAL, max(1e-3, outer_left - (time.monotonic() - started)))


def bounded(produce: Callable[[], Iterable[T]], seconds: float | None, what: str) -> list[T]:
    """Everything ``produce()`` yields, worked out within ``seconds`` (AnalysisTimeout past it)."""
    with time_limit(seconds, what):
        return list(produce())
