"""Duplicate detection functions: normalised hashes, word shingles, MinHash signatures and the LSH index."""

from __future__ import annotations

from newsgraph.dedup import (
    BANDS,
    THRESHOLD,
    band_buckets,
    minhash,
    normalise_text,
    shingles,
    signature_bytes,
    signature_from_bytes,
    similarity,
    text_hash,
)

# A wire story written for these tests (the events are invented) and a lightly edited reprint of it.
WIRE = (
    "The government of Norway announced on Wednesday that it would build three new research stations "
    "in the Arctic over the next five years. The stations, on Svalbard and on the northern coast, will "
    "study sea ice, fisheries and the migration of seabirds. Officials in Oslo said the project would cost "
    "about two billion kroner and would employ scientists from Finland, Sweden and Iceland as well as "
    "Norway. The minister of research told parliament that the first station would open in the autumn of "
    "next year. Environmental groups welcomed the plan but asked the government to publish the data from "
    "the stations so that independent researchers could check it. The fishing industry said it hoped the "
    "research would help set fair quotas for cod and herring in the Barents Sea, where stocks have fallen "
    "for four years in a row."
)
REPRINT = (
    WIRE.replace("on Wednesday", "on Wednesday morning")
    .replace("two billion kroner", "2 billion kroner")
    .replace("in a row.", "in a row, according to the latest survey.")
)
OTHER = (
    "Heavy rain flooded the centre of Porto on Sunday, closing two metro lines and the main bridge over "
    "the Douro. The city council said that no one was hurt but that dozens of shops near the river had "
    "been damaged. Firefighters pumped water out of cellars through the night, and the weather service "
    "warned that more storms would reach the coast of Portugal by Tuesday."
)


def test_normalised_text_ignores_case_spacing_and_quote_style():
    assert normalise_text("  The  \u201cBig\u201d\n\nNews ") == 'the "big" news'
    assert text_hash("Rain in PORTO.\n") == text_hash("rain   in porto.")
    assert text_hash("Rain in Porto.") != text_hash("Rain in Lisbon.")


def test_shingles_are_word_triples():
    assert shingles("One, two; three four!") == {"one two three", "two three four"}
    assert shingles("Just two") == {"just two"}
    assert shingles("  ...  ") == set()


def test_near_copies_are_similar_and_other_texts_are_not():
    assert similarity(minhash(WIRE), minhash(REPRINT)) >= THRESHOLD
    assert similarity(minhash(WIRE), minhash(OTHER)) < 0.1
    assert similarity(minhash(WIRE), minhash(WIRE)) == 1.0


def test_signatures_survive_storage():
    signature = minhash(WIRE)
    assert similarity(signature_from_bytes(signature_bytes(signature)), signature) == 1.0
    assert len(signature_bytes(signature)) == 4 * len(signature.hashvalues)


def test_near_copies_share_a_band_bucket_and_other_texts_do_not():
    wire, reprint, other = (set(band_buckets(minhash(text))) for text in (WIRE, REPRINT, OTHER))
    assert len(wire) == BANDS and {band for band, _ in wire} == set(range(BANDS))
    assert wire & reprint
    assert not wire & other
    assert band_buckets(minhash(WIRE)) == band_buckets(minhash(WIRE))  # stable across calls and runs
    assert all(-(2**63) <= bucket < 2**63 for _, bucket in wire)  # fits a signed 64-bit column
