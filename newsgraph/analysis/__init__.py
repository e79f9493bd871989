"""Answers from stored records: event and quotation tables, dyad series, timelines, partners, dedup."""

from newsgraph.analysis.frames import events_frame, quotes_frame
from newsgraph.analysis.series import actor_timeline, dyad_series, top_partners

__all__ = ["actor_timeline", "dyad_series", "events_frame", "quotes_frame", "top_partners"]
