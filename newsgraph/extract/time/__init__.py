"""Time: publication-date inference now; TIMEX3 normalisation plugs in here."""

from newsgraph.extract.time.pubdate import infer_publication_date

__all__ = ["infer_publication_date"]
