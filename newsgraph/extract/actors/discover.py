"""Proposing new dictionary entries from analysed articles.

People the knowledge base does not know yet are often introduced with a title ("Belarusian opposition
leader Svetlana Tikhanovskaya") or an apposition ("Maria Kolesnikova, a Belarusian opposition
figure,"). ``discover`` collects such people over many articles with the code their titles suggest,
how often and when they were seen, and example sentences; ``proposals_to_rows`` writes them as rows of
our ``officeholders.tsv`` format (a fixed code, no dated office) for a person to review.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsgraph.extract.actors.kb import KnowledgeBase, builtin_kb
from newsgraph.extract.actors.lexicon import Hit, lexicon_for
from newsgraph.model import Article

POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
APPOSITION = re.compile(r"^,\s+(?:(?:the|a|an)\s+)?")
GAP = re.compile(r"^\s+$")
NEAR_ROLE = re.compile(r"^(?:'s|’s)?(?:\s+[\w-]+){0,2}\s+$")  # "Belarusian former opposition leader"
# Words right before a government title that make it a party's or the opposition's ("shadow chancellor",
# "Tory leader", "Lib Dem leader"), or a legislature's ("Senate Majority Leader").
OPPOSITION_WORDS = re.compile(r"\b(?:shadow|opposition|party)\s+$", re.IGNORECASE)
LEGISLATURE_WORDS = re.compile(r"\b(?:senate|house|majority|minority|parliamentary|speaker)\s+$", re.IGNORECASE)
NAMED_MODIFIER = re.compile(r"(?:^|[\s(])[A-Z][\w-]*\s+$")
MAX_EXAMPLES = 3


@dataclass
class Proposal:
    name: str
    codes: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)
    count: int = 0
    first: str | None = None
    last: str | None = None
    examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        code = self.codes.most_common(1)[0][0]
        return {
            "name": self.name,
            "code": code,
            "codes": dict(self.codes),
            "titles": dict(self.titles.most_common(5)),
            "count": self.count,
            "first": self.first,
            "last": self.last,
            "examples": self.examples,
        }


def title_code(kb: KnowledgeBase, text: str, hits: list[Hit]) -> tuple[str, str] | None:
    """(code, title text) of a title made of an optional country word and a role word, given the hits
    that lie in ``text`` (the stretch right before or after a name), in order."""
    roles = [h for h in hits if h.kind == "role"]
    if not roles:
        return None
    role = roles[-1]
    countries = [
        h
        for h in hits
        if h.kind in ("adjective", "country", "demonym")
        and h.end <= role.start
        and NEAR_ROLE.match(text[h.end : role.start])
    ]
    country = countries[-1].key if countries else ""
    start = countries[-1].start if countries else role.start
    return country + title_sector(kb, text, role, hits), text[start : role.end]


def title_sector(kb: KnowledgeBase, text: str, role: Hit, hits: list[Hit]) -> str:
    """The role's sector, except that a government title led by a party's name or by "shadow" or
    "opposition" is the opposition's (OPP), and one led by "Senate", "Majority" … the legislature's (LEG).
    Office holders in power are in the knowledge base already, so a proposal is rarely one of them."""
    sector = kb.roles[role.key].sector
    if sector != "GOV":
        return sector
    lead = text[max(0, role.start - 30) : role.start]
    if LEGISLATURE_WORDS.search(lead):
        return "LEG"
    if OPPOSITION_WORDS.search(lead):
        return "OPP"
    named = NAMED_MODIFIER.search(lead)
    if named and role.key == "leader":
        begin = role.start - len(lead) + named.start()
        if not any(h.start <= begin + 1 and h.end > begin for h in hits if h is not role):
            return "OPP"  # "Tory leader", "Lib Dem leader": a party's leader, not a country's
    return sector


def titled_people(article: Article, kb: KnowledgeBase) -> Iterable[tuple[str, str, str, str]]:
    """(name, code, title, sentence) for each PERSON entity with a title before it or an apposition."""
    text = article.text
    hits = lexicon_for(kb).find(text)
    known = {alias for person in kb.people.values() for alias in person.aliases | {person.name}}
    for entity in article.entities:
        if entity.get("label") != "PERSON" or entity["text"] in known or " " not in entity["text"]:
            continue
        start, end = entity["start"], entity["end"]
        before = [h for h in hits if start - 60 <= h.start and h.end <= start]
        if before and GAP.match(text[before[-1].end : start] or " "):
            found = title_code(kb, text, before)
        else:
            found = apposition_code(kb, text, hits, end)
        if found and found[0]:
            name = POSSESSIVE.sub("", entity["text"])
            yield name, found[0], found[1], sentence_of(article, start)


def apposition_code(kb: KnowledgeBase, text: str, hits: list[Hit], end: int) -> tuple[str, str] | None:
    match = APPOSITION.match(text[end:])
    if not match:
        return None
    begin = end + match.end()
    stop = min(p for p in (text.find(",", begin), text.find(".", begin), begin + 50) if p != -1)
    after = [h for h in hits if begin <= h.start and h.end <= stop]
    if not after or after[0].start > begin + 30:
        return None
    return title_code(kb, text, after)


def sentence_of(article: Article, char: int) -> str:
    for start, end in article.sentences:
        if start <= char < end:
            return article.text[start:end]
    return article.text[max(0, char - 100) : char + 100]


def discover(articles: Iterable[Article], kb: KnowledgeBase | None = None, min_count: int = 1) -> list[dict]:
    """Proposals for people not in the knowledge base, most frequently seen first."""
    kb = kb or builtin_kb()
    proposals: dict[str, Proposal] = {}
    for article in articles:
        for name, code, title, sentence in titled_people(article, kb):
            proposal = proposals.setdefault(name, Proposal(name))
            proposal.codes[code] += 1
            proposal.titles[title] += 1
            proposal.count += 1
            if article.published:
                proposal.first = min(filter(None, [proposal.first, article.published]))
                proposal.last = max(filter(None, [proposal.last, article.published]))
            if len(proposal.examples) < MAX_EXAMPLES and sentence not in proposal.examples:
                proposal.examples.append(sentence)
    found = [p.to_dict() for p in proposals.values() if p.count >= min_count]
    return sorted(found, key=lambda p: (-p["count"], p["name"]))


def proposals_to_rows(proposals: list[dict], kb: KnowledgeBase | None = None) -> str:
    """Proposals as ``officeholders.tsv`` rows (a fixed code; the surname as an alias)."""
    kb = kb or builtin_kb()
    lines = []
    for proposal in proposals:
        code = proposal["code"]
        country = code[:3] if code[:3] in kb.countries else ""
        surname = proposal["name"].split()[-1]
        lines.append("\t".join([proposal["name"], country, "", "", "", code, surname]))
    return "\n".join(lines) + ("\n" if lines else "")
