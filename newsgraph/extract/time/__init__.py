"""Time: TIMEX3 expressions normalised against the publication date, and publication-date inference."""

from newsgraph.extract.time.core import find_times
from newsgraph.extract.time.pubdate import infer_publication_date

__all__ = ["find_times", "infer_publication_date"]
