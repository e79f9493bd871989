"""Finding the knowledge base's names and role words in a text, as character spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.extract.actors.kb import KnowledgeBase

# Plural forms of the last word of a role phrase that do not just add "s".
IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "spokesman": "spokesmen"}
PROPER_KINDS = ("person", "country", "adjective", "demonym", "capital", "org", "metonym")


@dataclass(frozen=True)
class Hit:
    """A knowledge-base phrase found in the text."""

    start: int
    end: int
    kind: str  # one of PROPER_KINDS, or "role"
    key: str  # person name, country code, index into organisations/metonyms, or role phrase
    plural: bool = False


def plural_forms(phrase: str) -> list[str]:
    """Plurals of a role phrase (its last word inflected)."""
    head, _, last = phrase.rpartition(" ")
    prefix = head + " " if head else ""
    if last in IRREGULAR_PLURALS:
        return [prefix + IRREGULAR_PLURALS[last]]
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return [prefix + last[:-1] + "ies"]
    if last.endswith(("s", "sh", "ch", "x")):
        return [prefix + last + "es"]
    return [prefix + last + "s"]


def alternation(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w-])"


class Lexicon:
    """Compiled patterns over one knowledge base's proper names (case-sensitive) and role words."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.proper: dict[str, list[tuple[str, str]]] = {}
        for name, person in kb.people.items():
            for phrase in {name} | person.aliases:
                self.add(phrase, "person", name)
        for code, country in kb.countries.items():
            for phrase in (country.name, *country.aliases):
                self.add(phrase, "country", code)
                self.add_with_article(phrase, "country", code)
            for phrase in country.adjectives:
                self.add(phrase, "adjective", code)
            for phrase in country.demonyms:
                self.add(phrase, "demonym", code)
            for phrase in country.capitals:
                self.add(phrase, "capital", code)
        for i, org in enumerate(kb.organisations):
            for phrase in (org.name, *org.aliases):
                self.add_with_article(phrase, "org", str(i))
        for i, metonym in enumerate(kb.metonyms):
            self.add_with_article(metonym.aliases[0], "metonym", str(i))
        self.roles: dict[str, tuple[str, bool]] = {}
        for phrase in kb.roles:
            self.roles.setdefault(phrase, (phrase, False))
            for plural in plural_forms(phrase):
                self.roles.setdefault(plural, (phrase, True))
        self.proper_pattern = re.compile(alternation(list(self.proper))) if self.proper else None
        self.role_pattern = re.compile(alternation(list(self.roles)), re.IGNORECASE) if self.roles else None

    def add(self, phrase: str, kind: str, key: str) -> None:
        entries = self.proper.setdefault(phrase, [])
        if (kind, key) not in entries:
            entries.append((kind, key))

    def add_with_article(self, phrase: str, kind: str, key: str) -> None:
        """The phrase, and with "the"/"The" before it ("the Kremlin", "The Red Cross")."""
        self.add(phrase, kind, key)
        if not phrase.lower().startswith("the "):
            self.add("the " + phrase, kind, key)
            self.add("The " + phrase, kind, key)

    def find(self, text: str) -> list[Hit]:
        """Every proper-name hit (longest first, non-overlapping) and every role-word hit."""
        hits = []
        if self.proper_pattern:
            for match in self.proper_pattern.finditer(text):
                for kind, key in self.proper[match.group()]:
                    hits.append(Hit(match.start(), match.end(), kind, key))
        if self.role_pattern:
            for match in self.role_pattern.finditer(text):
                phrase, plural = self.roles[match.group().lower()]
                hits.append(Hit(match.start(), match.end(), "role", phrase, plural))
        return sorted(hits, key=lambda h: (h.start, -h.end))


def lexicon_for(kb: KnowledgeBase) -> Lexicon:
    """The knowledge base's lexicon, compiled once and kept on it."""
    lexicon = kb.__dict__.get("_lexicon")
    if lexicon is None:
        lexicon = kb.__dict__["_lexicon"] = Lexicon(kb)
    return lexicon
