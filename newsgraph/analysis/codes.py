"""Reading CAMEO actor codes: the country part and the role parts."""

from __future__ import annotations

# Three-letter prefixes that are not countries: CAMEO's international and role codes.
NON_COUNTRY_PREFIXES = frozenset(
    "IGO NGO NGM MNC INT UIS IMG REB SEP INS OPP GOV MIL COP JUD LEG MED BUS CVL EDU ELI LAB REF AGR CRM HLH "
    "SPY UAF ENV MOD RAD PTY".split()
)


def actor_country(code: str | None) -> str | None:
    """The country of a CAMEO actor code ('RUSGOV' → 'RUS'), or None for international and role-only codes."""
    if not code or len(code) < 3:
        return None
    prefix = code[:3].upper()
    return None if prefix in NON_COUNTRY_PREFIXES else prefix


def actor_roles(code: str | None) -> list[str]:
    """The role codes after the country part ('RUSGOVMIL' → ['GOV', 'MIL'])."""
    if not code:
        return []
    rest = code[3:] if actor_country(code) else code
    return [rest[i : i + 3] for i in range(0, len(rest) - len(rest) % 3, 3)]


def matches_actor(code: str | None, query: str) -> bool:
    """An actor query matches a code by prefix: 'RUS' matches 'RUSGOV', 'RUSGOV' matches 'RUSGOVMIL'."""
    return bool(code) and code.upper().startswith(query.upper())
