"""Finding the knowledge base's names and role words in a text, as character spans.

Phrases are matched word by word with a trie, so that dictionaries of tens of thousands of phrases
(PETRARCH's) cost little. Our names match with their case; upper-case dictionary phrases longer than
an acronym match in any case but must start with a capital in the text; a phrase ending in ``*`` is a
stem whose last word may go on (only for stems of five letters or more). Role words match in any case,
with their plurals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsgraph.extract.actors.kb import KnowledgeBase

# Plural forms of the last word of a role phrase that do not just add "s".
IRREGULAR_PLURALS = {"man": "men", "woman": "women", "person": "people", "spokesman": "spokesmen"}
PROPER_KINDS = ("person", "country", "adjective", "demonym", "capital", "org", "metonym")
WORD = re.compile(r"\w+|[^\w\s]")
MIN_STEM = 5


@dataclass(frozen=True)
class Hit:
    """A knowledge-base phrase found in the text."""

    start: int
    end: int
    kind: str  # one of PROPER_KINDS, or "role"
    key: str  # person name, country code, index into organisations/metonyms, or role phrase
    plural: bool = False


@dataclass
class Node:
    children: dict[str, Node] = field(default_factory=dict)
    entries: list[tuple[str, str, bool]] = field(default_factory=list)  # (kind, key, plural)
    stems: list[tuple[str, tuple[str, str, bool]]] = field(default_factory=list)  # (last-word prefix, entry)


class Trie:
    """Phrases as sequences of words; ``fold`` compares upper-cased words."""

    def __init__(self, fold: bool) -> None:
        self.root = Node()
        self.fold = fold
        self.firsts: tuple[frozenset[str]] | None = None  # first words, worked out at the first search

    def norm(self, word: str) -> str:
        return word.upper() if self.fold else word

    def add(self, phrase: str, entry: tuple[str, str, bool]) -> None:
        self.firsts = None
        stem = phrase.endswith("*")
        words = [self.norm(w) for w in WORD.findall(phrase.rstrip("*"))]
        if not words:
            return
        if stem and len(words[-1]) >= MIN_STEM:
            node = self.walk_to(words[:-1])
            if (words[-1], entry) not in node.stems:
                node.stems.append((words[-1], entry))
            return
        node = self.walk_to(words)
        if entry not in node.entries:
            node.entries.append(entry)

    def walk_to(self, words: list[str]) -> Node:
        node = self.root
        for word in words:
            node = node.children.setdefault(word, Node())
        return node

    def longest(self, normed: list[str], i: int) -> tuple[int, list[tuple[str, str, bool]]]:
        """The longest phrase starting at word ``i`` of words already put through ``norm``: (number of
        words, its entries)."""
        node, best = self.root, (0, [])
        for j in range(i, len(normed)):
            word = normed[j]
            if node.stems:
                stems = [entry for prefix, entry in node.stems if word.startswith(prefix)]
                if stems:
                    best = (j - i + 1, stems)
            node = node.children.get(word)
            if node is None:
                break
            if node.entries:
                best = (j - i + 1, node.entries)
        return best

    def first_words(self) -> frozenset[str] | None:
        """The (normed) words a phrase can start with; None when any word can (a one-word stem)."""
        if self.firsts is None:
            self.firsts = (frozenset(self.root.children),)
        return None if self.root.stems else self.firsts[0]


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


def is_dictionary_phrase(phrase: str) -> bool:
    """An upper-case dictionary phrase (PETRARCH style), not an acronym such as "UN" or "WHO"."""
    return phrase.upper() == phrase and (len(phrase.rstrip("*")) > 3 or phrase.endswith("*"))


class Lexicon:
    """One knowledge base's proper names and role words, ready to be found in texts."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.exact, self.folded, self.roles = Trie(fold=False), Trie(fold=True), Trie(fold=True)
        for name, person in kb.people.items():
            for phrase in {name} | person.aliases:
                self.add(phrase, "person", name)
        for code, country in kb.countries.items():
            for phrase in (country.name, *country.aliases):
                self.add(phrase, "country", code)
            for kind, phrases in (("adjective", country.adjectives), ("demonym", country.demonyms)):
                for phrase in phrases:
                    self.add(phrase, kind, code)
            for phrase in country.capitals:
                self.add(phrase, "capital", code)
        for i, org in enumerate(kb.organisations):
            kind = "country" if org.kind == "country" else "org"
            for phrase in (org.name, *org.aliases):
                self.add_with_article(phrase, kind, org.code if kind == "country" else str(i))
        for i, metonym in enumerate(kb.metonyms):
            self.add_with_article(metonym.aliases[0], "metonym", str(i))
        for phrase in kb.roles:
            self.roles.add(phrase, ("role", phrase, False))
            for plural in plural_forms(phrase):
                self.roles.add(plural, ("role", phrase, True))

    def add(self, phrase: str, kind: str, key: str) -> None:
        trie = self.folded if is_dictionary_phrase(phrase) else self.exact
        trie.add(phrase, (kind, key, False))

    def add_with_article(self, phrase: str, kind: str, key: str) -> None:
        """The phrase, and with "the"/"The" before it ("the Kremlin", "The Red Cross")."""
        self.add(phrase, kind, key)
        if not is_dictionary_phrase(phrase) and not phrase.lower().startswith("the "):
            self.add("the " + phrase, kind, key)
            self.add("The " + phrase, kind, key)

    def find(self, text: str) -> list[Hit]:
        """Proper-name hits (leftmost longest, non-overlapping) and role-word hits, in text order."""
        matches = list(WORD.finditer(text))
        words = [m.group() for m in matches]
        upper = [word.upper() for word in words]
        proper: list[Hit] = []
        roles: list[Hit] = []
        searches = (
            (self.exact, words, self.exact.first_words(), False, proper),
            (self.folded, upper, self.folded.first_words(), True, proper),
            (self.roles, upper, self.roles.first_words(), False, roles),
        )
        for i in range(len(words)):
            for trie, normed, firsts, capital, out in searches:
                if firsts is not None and normed[i] not in firsts or capital and not words[i][0].isupper():
                    continue
                length, entries = trie.longest(normed, i)
                if not length:
                    continue
                start, end = matches[i].start(), matches[i + length - 1].end()
                out += [Hit(start, end, kind, key, plural) for kind, key, plural in entries]
        return sorted(leftmost_longest(proper) + leftmost_longest(roles), key=lambda h: (h.start, -h.end))


def leftmost_longest(found: list[Hit]) -> list[Hit]:
    """Drop hits overlapping an earlier or longer one (alternatives for the same span are all kept)."""
    kept: list[Hit] = []
    for hit in sorted(found, key=lambda h: (h.start, -h.end)):
        if kept and hit.start < kept[-1].end and (hit.start, hit.end) != (kept[-1].start, kept[-1].end):
            continue
        kept.append(hit)
    return kept


def lexicon_for(kb: KnowledgeBase) -> Lexicon:
    """The knowledge base's lexicon, compiled once and kept on it."""
    lexicon = kb.__dict__.get("_lexicon")
    if lexicon is None:
        lexicon = kb.__dict__["_lexicon"] = Lexicon(kb)
    return lexicon
