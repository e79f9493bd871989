"""Reading CAMEO actor codes: the country part and the role parts."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """The country codes of the actor knowledge base (ISO 3166-1 alpha-3, as CAMEO uses)."""
    from newsgraph.extract.actors.kb import builtin_kb

    return frozenset(builtin_kb().countries)


def actor_country(code: str | None) -> str | None:
    """The country of a CAMEO actor code ('RUSGOV' → 'RUS'), or None for international and role-only codes."""
    if not code or len(code) < 3:
        return None
    prefix = code[:3].upper()
    return prefix if prefix in country_codes() else None


def known_group(code: str | None) -> str | None:
    """The international-organisation prefix of a code ('IGOUNO' → 'IGO'), as GDELT's KnownGroupCode."""
    return code[:3].upper() if code and code[:3].upper() in ("IGO", "NGO", "MNC", "NGM") else None


def actor_roles(code: str | None) -> list[str]:
    """The role codes after the country part ('RUSGOVMIL' → ['GOV', 'MIL'])."""
    if not code:
        return []
    rest = code[3:] if actor_country(code) else code
    return [rest[i : i + 3] for i in range(0, len(rest) - len(rest) % 3, 3)]


def matches_actor(code: str | None, query: str) -> bool:
    """An actor query matches a code by prefix: 'RUS' matches 'RUSGOV', 'RUSGOV' matches 'RUSGOVMIL'."""
    return isinstance(code, str) and bool(code) and code.upper().startswith(query.upper())
