"""CAMEO event coding: who did what to whom, from the dependency parse."""

from newsgraph.extract.events.core import extract_events

__all__ = ["extract_events"]
