"""Runners: the same analysis on one process, several processes, or an Apache Spark cluster."""

from newsgraph.run.base import Runner
from newsgraph.run.local import LocalRunner

__all__ = ["LocalRunner", "Runner"]
