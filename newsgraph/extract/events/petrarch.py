"""Reader for PETRARCH-2 / TABARI verb dictionaries (``CAMEO.2.0.txt``, ``PETR.Validate.verbs.txt``),
turned into our ``Pattern`` records so the parser-based coder can use them.

The format, as we read it:

- ``&NAME`` starts a synset whose members follow as ``+WORD`` lines (``_`` joins words; a member may
  name another synset); ``&NAME`` inside a pattern stands for any member.
- ``--- NAME [code] ---`` starts a verb group; ``[---]`` means the group has no default code.
- Lines starting with a word inside a group are its verbs: ``VERB {FORMS}`` (irregular forms, which we
  do not need: spaCy gives lemmas), optionally with a code of their own; ``+`` marks the verb of a
  multi-word entry (``KLM_NOP_+RST``), other words of a two-word entry are kept as a particle when they
  are one ("BACK_+DOWN" → back down is not expressible, "+STEP_DOWN" is).
- ``- … * … [code]`` lines are patterns; ``*`` is the verb. After it: words that must follow (the
  object, or a preposition and its object), ``(PREP …)`` a prepositional phrase, ``{…}`` a noun phrase,
  ``+`` the target, ``$`` the source, ``%`` a compound actor, ``^`` any one word. Codes ``[A:B]`` keep
  their first non-empty part (``[:051]`` → 051).

What becomes a pattern: the verb's default (the group's or its own code), and every pattern line with
nothing but markers before the ``*``: its first word after the verb is a particle ("up"), a preposition
("against", which the target then comes from) or the start of the object; the object constraint is the
last word of the object phrase (any member of a synset there), matched on the lemma or the word form, and
the words before it must each be an adjective or compound of the object ("* ECONOMIC TIES").
Patterns with words before the verb ("SAID * TO ATTEND", negated auxiliaries) have no counterpart in
our matcher and are skipped, as are codes that are not three or four digits (``[---]``, ``[075A]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.extract.events.tables import Pattern

BLOCK = re.compile(r"^---\s+(.*?)\s+\[([^\]]*)\]\s*---")
CODE = re.compile(r"\[([^\]]*)\]")
MARKERS = {"+", "$", "%", "^"}
ARTICLES = {"a", "an", "the", "some", "any"}
PARTICLES = {"up", "down", "out", "off", "back", "away", "forward", "aside", "through"}
PREPOSITIONS = {
    "about",
    "across",
    "after",
    "against",
    "among",
    "at",
    "between",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "onto",
    "over",
    "to",
    "toward",
    "towards",
    "under",
    "upon",
    "with",
}


@dataclass
class VerbDictionary:
    """What a verb dictionary file holds, read into our terms."""

    patterns: list[Pattern] = field(default_factory=list)
    synsets: dict[str, list[str]] = field(default_factory=dict)
    groups: int = 0
    skipped: int = 0


def clean(line: str) -> str:
    if line.lstrip().startswith("<!--"):
        return ""
    return line.split("#", 1)[0].rstrip()


def reverse_code(raw: str) -> str | None:
    """The second code of ``[A:B]`` when both are given: the event from the target back to the source."""
    parts = [p.strip() for p in raw.split(":")]
    if len(parts) == 2 and parts[0] and re.fullmatch(r"\d{3,4}", parts[1]):
        return parts[1]
    return None


def dictionary_code(raw: str) -> str | None:
    """The code of ``[A:B]`` (first non-empty part) when it is three or four digits."""
    for part in raw.split(":"):
        part = part.strip()
        if part:
            return part if re.fullmatch(r"\d{3,4}", part) else None
    return None


def words_of(raw: str) -> list[str]:
    """Words of a pattern, with ``_`` as a space and brackets kept as their own items."""
    spaced = re.sub(r"([(){}])", r" \1 ", raw.replace("_", " "))
    return [w for w in spaced.split() if w]


def synset_members(name: str, synsets: dict[str, list[str]], depth: int = 0) -> list[str]:
    """Last words of a synset's members (lower case), nested synsets expanded."""
    found: list[str] = []
    for member in synsets.get(name.lstrip("&").rstrip("_"), []):
        last = words_of(member)[-1] if words_of(member) else ""
        if last.startswith("&") and depth < 5:
            found.extend(synset_members(last, synsets, depth + 1))
        elif last:
            found.append(last.lower())
    return found


def word_forms(word: str) -> list[str]:
    """A dictionary word and its singular, for matching lemmas and word forms."""
    word = word.lower()
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    return forms


def word_regex(word: str, synsets: dict[str, list[str]]) -> str | None:
    """A dictionary word (a synset gives all its members) as a regex over lemmas and word forms."""
    heads = synset_members(word, synsets) if word.startswith("&") else [word]
    forms = sorted({form for head in heads if re.fullmatch(r"[a-z'.-]+", head.lower()) for form in word_forms(head)})
    return "|".join(re.escape(f) for f in forms) if forms else None


def object_regex(words: list[str], synsets: dict[str, list[str]]) -> str | None:
    """Our object constraint: the last word of the phrase."""
    content = [w for w in words if w not in MARKERS and w not in "(){}"]
    return word_regex(content[-1], synsets) if content else None


def modifier_regexes(words: list[str], synsets: dict[str, list[str]]) -> tuple[str, ...]:
    """The words before the object's head ("* IMPROVED &TIETYPES RELATIONS"), each a modifier regex."""
    content = [w for w in words if w not in MARKERS and w not in "(){}"]
    found = [word_regex(w, synsets) for w in content[:-1] if w.lower() not in ARTICLES]
    return tuple(r for r in found if r)


def pattern_from_line(
    line: str, lemma: str, particle: str | None, synsets: dict[str, list[str]], code: str, reverse: str | None = None
) -> list[Pattern]:
    """One ``- … * … [code]`` line as Patterns (none when our matcher cannot express it)."""
    body = CODE.sub("", line[1:]).strip()
    words = words_of(body)
    if "*" not in words:
        return []
    star = words.index("*")
    if any(w not in MARKERS for w in words[:star]):
        return []
    after = [w for w in words[star + 1 :] if w not in MARKERS]
    prep = None
    if after and after[0].lower() in PARTICLES and particle is None:
        particle, after = after[0].lower(), after[1:]
    if after and after[0].startswith("&") and set(synset_members(after[0], synsets)) & PREPOSITIONS:
        members = [m for m in synset_members(after[0], synsets) if m in PREPOSITIONS]
        made = [  # a set of alternative prepositions: one pattern for each
            pattern_from_line(
                f"- * {m.upper()} {' '.join(after[1:])} [{code}]", lemma, particle, synsets, code, reverse
            )
            for m in members
        ]
        return [p for group in made for p in group]
    if after and after[0] == "(":
        after = after[1:]
    if after and after[0].lower() in PREPOSITIONS:
        prep, after = after[0].lower(), after[1:]
    if any(w.lower() in PREPOSITIONS for w in after[:-1]):
        return []  # object and a later prepositional phrase: beyond our single object constraint
    obj = object_regex(after, synsets)
    if after and obj is None:
        return []
    if not (prep or obj or particle):
        return []
    example = f"PETRARCH: {' '.join(words)}"
    modifiers = modifier_regexes(after, synsets)
    fields = {"target": "phrase", "reverse": reverse, "origin": "petrarch", "modifiers": modifiers}
    return [Pattern(code, lemma, "verb", particle, prep, obj, **fields, example=example)]


def verb_entry(line: str) -> tuple[str, str | None] | None:
    """(lemma, particle) of a verb line, or None for multi-word verbs we cannot express."""
    head = re.sub(r"\{[^}]*\}", "", CODE.sub("", line)).strip().lstrip("+")
    words = [w for w in head.split()[0].replace("_", " ").split() if w] if head else []
    if not words:
        return None
    raw = re.sub(r"\{[^}]*\}", "", CODE.sub("", line)).strip().split()[0].split("_")
    plain = [w.lstrip("+").lower() for w in words]
    if len(plain) == 1:
        return plain[0], None
    if len(plain) == 2 and plain[1] in PARTICLES and not raw[1].startswith("+"):
        return plain[0], plain[1]
    return None


def read_verb_text(text: str) -> VerbDictionary:
    """Patterns, synsets and counts from the text of a verb dictionary."""
    result = VerbDictionary()
    synset: str | None = None
    group_code: str | None = None
    group_reverse: str | None = None
    verbs: list[tuple[str, str | None]] = []
    in_group = False
    for raw in text.splitlines():
        line = clean(raw)
        stripped = line.strip()
        if not stripped:
            synset = None
            continue
        block = BLOCK.match(stripped)
        if block:
            result.groups += 1
            in_group, synset, verbs = True, None, []
            group_code, group_reverse = dictionary_code(block.group(2)), reverse_code(block.group(2))
            continue
        if stripped.startswith("&"):
            synset = stripped.split()[0][1:].rstrip("_")
            result.synsets[synset] = []
            continue
        if stripped.startswith("+") and synset is not None:
            result.synsets[synset].append(stripped[1:].strip())
            continue
        if not in_group:
            continue
        if stripped.startswith("-"):
            codes = CODE.findall(stripped)
            code = dictionary_code(codes[-1]) if codes else None
            back = reverse_code(codes[-1]) if codes else None
            made = [
                pattern_from_line(stripped, lemma, particle, result.synsets, code, back) for lemma, particle in verbs
            ]
            good = [p for group in made for p in group] if code else []
            result.patterns.extend(good)
            result.skipped += not good
            continue
        entry = verb_entry(stripped)
        codes = CODE.findall(stripped)
        own = dictionary_code(codes[0]) if codes else None
        back = reverse_code(codes[0]) if own else group_reverse
        if entry is None:
            result.skipped += 1
            continue
        verbs.append(entry)
        code = own or group_code
        if code:
            lemma, particle = entry
            example = f"PETRARCH verb {stripped.split()[0]}"
            pattern = Pattern(
                code, lemma, "verb", particle, target="phrase", reverse=back, origin="petrarch", example=example
            )
            result.patterns.append(pattern)
    return result


def read_verb_file(path: Path) -> VerbDictionary:
    """A verb dictionary file (Latin-1 bytes read as replacement characters)."""
    return read_verb_text(Path(path).read_bytes().decode("utf-8", errors="replace"))
