"""Finding every match of the detecting rules in a text, as ``re.finditer`` would, with less work.

The rules are case-insensitive regular expressions, and Python's engine is slowest exactly there: it
cannot skip an alternative by its first letter when case is ignored, and a rule tries some hundred
alternatives at each word. Two things give the same matches for less:

- Most texts can be lowercased character for character without changing what any rule matches (see
  ``lowercase_twin``). Their lowercase twin is scanned by case-sensitive copies of the rules, and each
  match is taken again from the original text by the original rule at the same offset, so the match
  objects (and the case of their groups) are the ones ``finditer`` gives.
- Every match of a rule contains one of a few literal words (``required_literals``: "quarter",
  "century", one of the month names …). A rule none of whose words occurs in the lowercase twin
  cannot match, and is not run.
- Most rules never look at some characters (quotation marks, brackets, "%"; many also full stops and
  commas: the rule's ``barrier``), so none of their matches runs across one, and such a rule reads the
  text up to one exactly as it reads the end of the text. A rule with anchor words then reads only the
  stretches between its barriers that hold one of its words.

A text that cannot be lowercased safely, and a rule whose pattern holds capitals, take the plain path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from newsgraph.extract.time.grammar import Rule, rules

MAX_ALTERNATIVES = 64  # beyond this many ways to meet a condition, testing it costs more than it saves


@dataclass(frozen=True)
class All:
    """Every part must hold."""

    parts: tuple[Need, ...]


@dataclass(frozen=True)
class AnyOf:
    """One part at least must hold."""

    parts: tuple[Need, ...]


Need = str | All | AnyOf | None  # a literal string that must occur; None: nothing is required
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
NAMED_CLASSES = (sre.CATEGORY_DIGIT, sre.CATEGORY_SPACE, sre.CATEGORY_WORD)
MIN_ANCHOR_LENGTH = 2  # a one-letter anchor ("m" of "a.m.") is everywhere: finding it costs more than it saves


@dataclass(frozen=True)
class ScanRule:
    """A detecting rule with its case-sensitive twin (None when it cannot have one) and its literal gate."""

    order: int
    rule: Rule
    lower_regex: re.Pattern[str] | None
    literals: Need
    anchors: frozenset[str] | None = None  # one of these words is in every match; None: scan the whole text
    barrier: re.Pattern[str] | None = None  # the characters this rule never looks at


def required_literals(items: list[tuple[object, object]]) -> Need:
    """What every match of the parsed pattern contains, as a condition on literal strings: a run of
    literal characters is needed as it stands; a sequence needs all that its parts need; an alternation
    needs what one of its branches needs; an optional part and anything else (classes, assertions) needs
    nothing (None)."""
    needs: list[Need] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)  # type: ignore[arg-type]
            continue
        if run:
            needs.append(run)
            run = ""
        needs.append(_part_literals(op, arg))
    if run:
        needs.append(run)
    return _all_of(needs)


def _part_literals(op: object, arg: object) -> Need:
    if op is sre.SUBPATTERN:
        return required_literals(list(arg[3]))  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return required_literals(list(arg))  # type: ignore[call-overload]
    if op in REPEATS:
        return required_literals(list(arg[2])) if arg[0] >= 1 else None  # type: ignore[index]
    if op is sre.BRANCH:
        return _one_of([required_literals(list(branch)) for branch in arg[1]])  # type: ignore[index]
    if op is sre.GROUPREF_EXISTS:
        yes, no = arg[1], arg[2]  # type: ignore[index]
        return _one_of([required_literals(list(yes)), required_literals(list(no)) if no is not None else None])
    return None


def _all_of(needs: list[Need]) -> Need:
    parts: list[Need] = []
    for need in needs:
        if isinstance(need, All):
            parts.extend(need.parts)
        elif need is not None:
            parts.append(need)
    if len(parts) < 2:
        return parts[0] if parts else None
    return All(tuple(sorted(parts, key=_shortest, reverse=True)))  # longer words are rarer: tested first


def _one_of(needs: list[Need]) -> Need:
    if any(need is None for need in needs):
        return None
    parts = [part for need in needs for part in (need.parts if isinstance(need, AnyOf) else (need,))]
    words = {part for part in parts if isinstance(part, str)}
    # "jan" occurs wherever "january" does: testing the shorter is enough, and so for "jan" and "feb"
    words = {word for word in words if not any(other != word and other in word for other in words)}
    rest = [part for part in parts if not isinstance(part, str) and not _implies_one(part, words)]
    if len(words) + len(rest) > MAX_ALTERNATIVES:
        return None
    alternatives = (*sorted(words, key=lambda word: (len(word), word)), *rest)  # shorter words are commoner
    return AnyOf(alternatives) if len(alternatives) > 1 else alternatives[0]


def _implies_one(need: Need, words: set[str]) -> bool:
    """Whether a condition holds only where one of the words occurs (so that they say enough)."""
    return (
        isinstance(need, All)
        and any(isinstance(part, str) and _implies_one(part, words) for part in need.parts)
        or (isinstance(need, str) and any(word in need for word in words))
    )


def _shortest(need: Need) -> int:
    if isinstance(need, str):
        return len(need)
    if isinstance(need, AnyOf):
        return min(map(_shortest, need.parts))
    return max(map(_shortest, need.parts)) if isinstance(need, All) else 0


def holds(need: Need, text: str, known: dict[str | int, bool] | None = None) -> bool:
    """Whether the text meets a condition found by ``required_literals`` (so a match is possible).
    ``known`` keeps what was found out about this text, for the words and conditions that rules share
    (conditions by identity: ``shared`` makes equal ones one object)."""
    if need is None:
        return True
    known = {} if known is None else known
    key = need if isinstance(need, str) else id(need)
    if (result := known.get(key)) is None:
        if isinstance(need, str):
            result = need in text
        elif isinstance(need, All):
            result = all(holds(part, text, known) for part in need.parts)
        else:
            result = any(holds(part, text, known) for part in need.parts)
        known[key] = result
    return result


def shared(need: Need, table: dict[Need, Need]) -> Need:
    """The condition with each of its parts replaced by the first equal one met (kept in ``table``)."""
    if isinstance(need, All | AnyOf):
        need = type(need)(tuple(shared(part, table) for part in need.parts))
    return table.setdefault(need, need) if need is not None else None


def _case_free(items: list[tuple[object, object]]) -> bool:
    """Whether no literal, range or inline flag of the parsed pattern involves a capital letter, so that
    the pattern means the same case-sensitively over lowercase text as case-insensitively."""
    for op, arg in items:
        if op is sre.LITERAL or op is sre.NOT_LITERAL:
            if chr(arg).lower() != chr(arg) or not chr(arg).isascii():  # type: ignore[arg-type]
                return False
        elif op is sre.IN:
            if not all(_case_free_set_item(kind, value) for kind, value in arg):  # type: ignore[attr-defined]
                return False
        elif op is sre.SUBPATTERN:
            if arg[1] or arg[2] or not _case_free(list(arg[3])):  # type: ignore[index]
                return False
        elif op in REPEATS:
            if not _case_free(list(arg[2])):  # type: ignore[index]
                return False
        elif op is sre.BRANCH:
            if not all(_case_free(list(branch)) for branch in arg[1]):  # type: ignore[index]
                return False
        elif op is sre.GROUPREF_EXISTS:
            if not all(_case_free(list(part)) for part in arg[1:] if part is not None):  # type: ignore[index]
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if not _case_free(list(arg[1])):  # type: ignore[index]
                return False
        elif op not in (sre.AT, sre.ANY, sre.CATEGORY):
            return False  # back-references and anything unforeseen: keep the plain path
    return True


def _case_free_set_item(kind: object, value: object) -> bool:
    if kind is sre.LITERAL:
        return chr(value).isascii() and chr(value).lower() == chr(value)  # type: ignore[arg-type]
    if kind is sre.RANGE:
        low, high = value  # type: ignore[misc]
        return high < 0x80 and not any(chr(c).isupper() for c in range(low, high + 1))
    return kind is sre.CATEGORY or kind is sre.NEGATE


def anchor_words(need: Need) -> frozenset[str] | None:
    """Words one of which every text meeting the condition contains (so every match of its rule)."""
    if isinstance(need, str):
        return frozenset([need])
    if isinstance(need, All):
        return next((words for part in need.parts if (words := anchor_words(part)) is not None), None)
    if isinstance(need, AnyOf):
        found = [anchor_words(part) for part in need.parts]
        return None if any(words is None for words in found) else frozenset().union(*found)  # type: ignore[misc]
    return None


def inspected_characters(items: list[tuple[object, object]], found: set[str]) -> bool:
    """Add to ``found`` the characters the parsed pattern names, beside ``\\w``, ``\\d`` and ``\\s``; False
    when it may look at other characters (a dot, a negated class, ``$`` …) or cannot be told."""
    for op, arg in items:
        if op is sre.LITERAL:
            found.add(chr(arg))  # type: ignore[arg-type]
        elif op is sre.IN:
            for kind, value in arg:  # type: ignore[attr-defined]
                if kind is sre.LITERAL:
                    found.add(chr(value))
                elif kind is sre.RANGE:
                    found.update(map(chr, range(value[0], value[1] + 1)))
                elif kind is not sre.CATEGORY or value not in NAMED_CLASSES:
                    return False
        elif op is sre.AT:
            if arg not in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
                return False
        elif op in (sre.SUBPATTERN, sre.ASSERT, sre.ASSERT_NOT) or op in REPEATS:
            if not inspected_characters(list(arg[-1]), found):  # type: ignore[index]
                return False
        elif op is sre.BRANCH:
            if not all(inspected_characters(list(branch), found) for branch in arg[1]):  # type: ignore[index]
                return False
        elif op is sre.GROUPREF_EXISTS:
            if not all(inspected_characters(list(part), found) for part in arg[1:] if part is not None):  # type: ignore[index]
                return False
        else:
            return False
    return True


@lru_cache(maxsize=1)
def scan_rules() -> tuple[ScanRule, ...]:
    """The detecting rules, in file order, each with its case-sensitive twin, literal gate, anchor words
    and barrier."""
    found = []
    conditions: dict[Need, Need] = {}
    barriers: dict[str, re.Pattern[str]] = {}
    for order, rule in enumerate(rules()):
        if not rule.detect:
            continue
        tree = sre_parse.parse(rule.regex.pattern, 0)
        # a rule that can match nothing (none does) keeps the plain path: finditer treats empty matches apart
        plain = rule.regex.flags & ~(re.IGNORECASE | re.UNICODE) or tree.getwidth()[0] == 0
        if plain or not _case_free(list(tree)):
            found.append(ScanRule(order, rule, None, None))
            continue
        need = shared(required_literals(list(tree)), conditions)
        looked_at: set[str] = set()
        anchors = anchor_words(need) if inspected_characters(list(tree), looked_at) else None
        if anchors is None or min(map(len, anchors)) < MIN_ANCHOR_LENGTH:
            found.append(ScanRule(order, rule, re.compile(rule.regex.pattern), need))
            continue
        named = "".join(sorted(re.escape(c) for c in looked_at if not (c.isalnum() or c == "_" or c.isspace())))
        barrier = barriers.setdefault(named, re.compile(rf"[^\w\s{named}]"))
        found.append(ScanRule(order, rule, re.compile(rule.regex.pattern), need, anchors, barrier))
    return tuple(found)


ASCII_LETTER = re.compile("[a-z]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _lowers_safely(char: str) -> bool:
    """Whether a non-ASCII character lowercases to one character that no rule can tell from it: neither
    it nor its lowercase is matched as an ASCII letter ("ſ" as "s", the Kelvin sign as "k", asked of the
    regular expression engine itself), and both are of the same class for ``\\w``, ``\\d`` and ``\\s``."""
    low = char.lower()
    return (
        len(low) == 1
        and not low.isascii()
        and not ASCII_LETTER.fullmatch(char)
        and not ASCII_LETTER.fullmatch(low)
        and (char.isalnum(), char.isdecimal(), char.isspace()) == (low.isalnum(), low.isdecimal(), low.isspace())
    )


def lowercase_twin(text: str) -> str | None:
    """The text lowercased character for character when that changes no rule's matches, else None."""
    if not text.isascii() and not all(_lowers_safely(char) for char in set(text) if not char.isascii()):
        return None
    return text.lower()


def rule_matches(text: str) -> Iterator[tuple[ScanRule, re.Match[str]]]:
    """Every match of every detecting rule in the text: rule by rule in file order, and in text order
    within a rule, exactly as ``rule.regex.finditer(text)`` gives them."""
    low = lowercase_twin(text)
    known: dict[str | int, bool] = {}
    segments = TextSegments(low or "")
    for scan in scan_rules():
        if low is None or scan.lower_regex is None:
            yield from ((scan, m) for m in scan.rule.regex.finditer(text))
        elif not holds(scan.literals, low, known):
            continue
        elif scan.anchors is None:
            yield from ((scan, _original(scan, text, m)) for m in scan.lower_regex.finditer(low))
        else:
            for start, end in segments.holding(scan.anchors, scan.barrier):  # type: ignore[arg-type]
                yield from ((scan, _original(scan, text, m)) for m in scan.lower_regex.finditer(low, start, end))


class TextSegments:
    """The stretches of a lowercase twin between the characters a rule never looks at, found once per
    text and kind of barrier; a rule with anchor words need only read the stretches that hold one."""

    def __init__(self, low: str) -> None:
        self.low = low
        self.bounds: dict[re.Pattern[str], list[int]] = {}
        self.found: dict[tuple[frozenset[str], re.Pattern[str]], list[tuple[int, int]]] = {}

    def holding(self, words: frozenset[str], barrier: re.Pattern[str]) -> list[tuple[int, int]]:
        """The segments [start, end) between barriers that hold one of the words, in text order."""
        if (segments := self.found.get((words, barrier))) is None:
            if (bounds := self.bounds.get(barrier)) is None:
                bounds = self.bounds[barrier] = [m.start() for m in barrier.finditer(self.low)]
            starts = set()
            for word in words:
                at = self.low.find(word)
                while at >= 0:
                    starts.add(bisect_right(bounds, at))
                    at = self.low.find(word, at + 1)
            size = len(self.low)
            segments = [(bounds[k - 1] + 1 if k else 0, bounds[k] if k < len(bounds) else size) for k in sorted(starts)]
            self.found[(words, barrier)] = segments
        return segments


def _original(scan: ScanRule, text: str, twin: re.Match[str]) -> re.Match[str]:
    match = scan.rule.regex.match(text, twin.start())
    if match is None or match.end() != twin.end():  # cannot happen for a safe twin; fail loudly if it does
        raise AssertionError(f"rule {scan.rule.name}: lowercase scan disagrees at {twin.start()}")
    return match
