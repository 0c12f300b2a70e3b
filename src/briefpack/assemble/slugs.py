"""Where a delegation's packet is filed: slugs unique across the event, and finding a delegation by
any name an organiser types (`--delegation VN`, `viet-nam`, `Việt Nam`).

File names are the build's business, not the composers': the recipients list is handed the slugs.
"""

from __future__ import annotations

from briefpack.document.collation import safe_slug, sort_key
from briefpack.errors import Problem, UserError
from briefpack.model.catalogue import Catalogue
from briefpack.model.event import Delegation, EventData

SLUG_LENGTH = 60
"""Longest packet slug: with `.zip` and the event folder, paths stay far below Windows' 260 characters."""


def find_delegation(data: EventData, key: str) -> Delegation:
    """The delegation named by `key`: its id, country code, country name or packet slug, any case, with
    or without diacritics, so `--delegation VN`, `viet-nam` and `Việt Nam` all work on the command line."""
    for dele in data.delegations:
        if dele.id == key:
            return dele
    cat = Catalogue(data)
    wanted = sort_key(key.strip())
    slugs = delegation_slugs(data)
    for dele in data.delegations:
        names = {dele.id, dele.country, slugs[dele.id]}
        country = cat.countries.get(dele.country)
        if country:
            names |= {country.name, country.native_name or ""}
        if wanted in {sort_key(n) for n in names if n} or safe_slug(key) == slugs[dele.id]:
            return dele
    known = ", ".join(f"{d.id} ({cat.country_name(d.country)})" for d in data.delegations) or "none"
    raise UserError(
        Problem(
            f"no delegation `{key}`",
            hint=f"give a delegation id, country code or country name; delegations: {known}",
        )
    )


def _base_slug(delegation: Delegation, cat: Catalogue) -> str:
    country = cat.countries.get(delegation.country)
    for candidate in (country.name if country else "", delegation.country, delegation.id):
        slug = safe_slug(candidate, SLUG_LENGTH)
        if slug:
            return slug
    return "delegation"


def delegation_slugs(data: EventData) -> dict[str, str]:
    """Delegation id -> packet slug, unique across the event.

    The slug is the country's English name (`viet-nam`, `lao-pdr`): a recipient recognises it in an
    attachment name, which an id like `vn` does not give. Two delegations of one country get their ids
    appended; whatever the data holds, a slug is only `a-z0-9-` (see `safe_slug`), so it is safe
    to join to a folder.
    """
    cat = Catalogue(data)
    base = {d.id: _base_slug(d, cat) for d in data.delegations}
    counts: dict[str, int] = {}
    for slug in base.values():
        counts[slug] = counts.get(slug, 0) + 1
    out: dict[str, str] = {}
    taken: set[str] = set()
    for dele in data.delegations:
        slug = base[dele.id]
        if counts[slug] > 1:
            slug = _suffixed(slug, dele.id)
        n = 2
        unique = slug
        while unique in taken:
            unique = _suffixed(slug, str(n))
            n += 1
        taken.add(unique)
        out.setdefault(dele.id, unique)
    return out


def _suffixed(slug: str, suffix: str) -> str:
    """`slug-suffix`, shortening the slug (not the suffix) to stay within the slug length limit, so two
    long names that differ only in their suffix stay different."""
    tail = safe_slug(suffix, SLUG_LENGTH)
    if not tail:
        return slug
    room = SLUG_LENGTH - len(tail) - 1
    return f"{slug[:room].rstrip('-')}-{tail}" if room > 0 else tail[:SLUG_LENGTH]


def delegation_slug(delegation: Delegation, data: EventData) -> str:
    """The folder and zip name for one delegation's packet (see `delegation_slugs`)."""
    slugs = delegation_slugs(data)
    if delegation.id in slugs and any(d == delegation for d in data.delegations):
        return slugs[delegation.id]
    return _base_slug(delegation, Catalogue(data))
