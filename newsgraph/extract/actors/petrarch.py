"""Reader for PETRARCH/TABARI actor and agent dictionaries, into our ``KnowledgeBase``.

Actor dictionaries (``Phoenix.Countries.actors.txt`` …): an entry is a phrase line (words joined by
``_``; a trailing ``_`` means the last word must end there, otherwise it is a stem), optionally with its
code in brackets on the same line, followed by ``+`` synonym lines and indented code lines. A code may
carry a date restriction: ``[RUSGOV >080508]`` (from that date), ``[USRBLR <910825]`` (before it) or
``[RUSGOV 990809-000507]`` (between); an undated code is the default. Dates are ``YYMMDD`` (years
below 30 are 20xx) or ``YYYYMMDD``. A phrase line without any code that directly follows an entry is
read as one more synonym of it. ``#`` starts a comment.

Agent dictionaries (``Phoenix.agents.txt``): ``PHRASE [~GOV]`` lines give role codes appended to the
country (``[IGO~]`` ones are prefixed; we read both as the role). ``{PLURAL}`` gives an irregular plural
(``{}``: none); ``!NAME! = A, B`` lines define substitutions used inside phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.extract.actors.kb import KnowledgeBase, Named, Person, Role, Term

CODE = re.compile(r"\[\s*([~A-Z0-9]+?~?)\s*(?:([<>])\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?\s*\]")
MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
PLURAL = re.compile(r"\{([^}]*)\}")


@dataclass
class Entry:
    phrases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # (code, from, to); "" = open


def petrarch_date(value: str) -> str:
    """ISO date from YYMMDD or YYYYMMDD."""
    if len(value) == 6:
        year = int(value[:2])
        value = f"{2000 + year if year < 30 else 1900 + year}{value[2:]}"
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def parse_code(match: re.Match) -> tuple[str, str, str]:
    code, sign, when, start, end = match.groups()
    if sign == ">":
        return code, petrarch_date(when), ""
    if sign == "<":
        return code, "", petrarch_date(when)
    if start:
        return code, petrarch_date(start), petrarch_date(end)
    return code, "", ""


def phrase_text(raw: str) -> str:
    """A dictionary phrase as text: underscores to spaces; a stem keeps a trailing ``*``."""
    raw = raw.strip()
    stem = not raw.endswith("_")
    words = " ".join(w for w in raw.strip("_").split("_") if w)
    return words + ("*" if stem and words else "")


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_actor_entries(text: str) -> list[Entry]:
    """Entries of an actor dictionary, each with its phrases and dated codes."""
    entries: list[Entry] = []
    current: Entry | None = None
    bare = False  # the current entry is a single line with its code on it ("UN_ [IGOUNO]")
    for raw in text.splitlines():
        line = strip_comment(raw)
        if not line.strip():
            current = None if current is not None and current.codes else current
            bare = False
            continue
        codes = [parse_code(m) for m in CODE.finditer(line)]
        words = CODE.sub("", line).strip()
        if line[0] in " \t" or not words:
            if current is not None:
                current.codes.extend(codes)
            bare = False
        elif words.startswith("+"):
            if current is not None:
                current.phrases.append(phrase_text(words[1:]))
            bare = False
        elif current is not None and bare and not codes:
            current.phrases.append(phrase_text(words))
        else:
            current = Entry([phrase_text(words)], codes)
            entries.append(current)
            bare = bool(codes)
    return [e for e in entries if e.codes and any(e.phrases)]


def entry_into_kb(kb: KnowledgeBase, entry: Entry) -> None:
    """An entry with dated government or elite codes is a person; one with a three-letter code
    (undated or open-ended) a country; other dated ones persons too; the rest named actors
    (organisations, institutions)."""
    name = entry.phrases[0].rstrip("*").title()
    aliases = {p for p in entry.phrases if p}
    dated = [c for c in entry.codes if c[1] or c[2]]
    default = next((c[0] for c in entry.codes if not (c[1] or c[2])), "")
    leader = any(c[0].endswith(("GOV", "ELI")) for c in dated)
    country = next((c[0] for c in entry.codes if len(c[0]) == 3 and not c[2]), "")
    if country and not leader:
        kb.organisations.append(Named(country, name, tuple(sorted(aliases)), "country"))
        return
    if dated:
        person = kb.people.setdefault(name, Person(name, (dated[0][0])[:3]))
        person.aliases |= aliases
        person.terms.extend(Term("", start, end, code) for code, start, end in dated)
        person.code = person.code or default
        return
    kind = "country" if len(default) == 3 else "petrarch"
    kb.organisations.append(Named(default, name, tuple(sorted(aliases)), kind))


def read_agent_roles(text: str) -> dict[str, Role]:
    """Role words of an agent dictionary, singular and irregular plural forms."""
    macros: dict[str, list[str]] = {}
    roles: dict[str, Role] = {}
    for raw in text.splitlines():
        line = strip_comment(raw)
        macro = MACRO.match(line.strip())
        if macro:
            macros[macro.group(1)] = [m.strip() for m in macro.group(2).split(",") if m.strip()]
            continue
        match = CODE.search(line)
        if not match:
            continue
        sector = match.group(1).replace("~", "")
        head = CODE.sub("", line)
        plurals = PLURAL.findall(head)
        head = PLURAL.sub("", head).strip()
        for form in expand_macros(head, macros) + [p for p in plurals if p]:
            phrase = phrase_text(form.replace(" ", "_")).rstrip("*").lower()
            if phrase:
                roles.setdefault(phrase, Role(phrase, sector, "", "group"))
    return roles


def expand_macros(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    for name, values in macros.items():
        if name in phrase:
            return [form for value in values for form in expand_macros(phrase.replace(name, value, 1), macros)]
    return [phrase]


def read_petrarch_text(text: str) -> KnowledgeBase:
    """A knowledge base from the text of one PETRARCH dictionary (agents or actors, told apart by the
    ``[~CODE]`` agent codes)."""
    kb = KnowledgeBase()
    if re.search(r"\[~[A-Z]", text):
        kb.roles.update(read_agent_roles(text))
        return kb
    for entry in read_actor_entries(text):
        entry_into_kb(kb, entry)
    return kb


def read_petrarch_file(path: Path) -> KnowledgeBase:
    """A PETRARCH/TABARI dictionary file (the Phoenix files are UTF-8 with a few stray bytes)."""
    return read_petrarch_text(path.read_bytes().decode("utf-8", errors="replace"))
