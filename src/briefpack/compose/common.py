"""Pieces every composer uses: how a person, a contact or a session time reads in a document.

Composers build `briefpack.document` blocks only; words come from the layout's fragments
(`Fragments`) or from the data, never from string literals here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefpack.document.model import Block, BulletList, Heading, Inline, KeyValue, Paragraph, Run, runs
from briefpack.layout.text import Fragments
from briefpack.model.catalogue import Catalogue
from briefpack.model.event import Event, Person, Session
from briefpack.model.kinds import KINDS


def anchor(*parts: str) -> str:
    """A stable anchor id from ids: renderers turn it into bookmark names."""
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts)


def display_name(person: Person) -> str:
    return f"{person.honorific} {person.name}" if person.honorific else person.name


def name_runs(person: Person, cat: Catalogue, *, style: str | None = None) -> Inline:
    """Name, then the native-script name tagged with the person's language (for fonts and DOCX lang)."""
    parts: list[Run] = [Run(display_name(person), style=style)]
    if person.native_name and person.native_name != person.name:
        parts.append(Run(" · ", style="muted"))
        parts.append(Run(person.native_name, lang=_language_of(person, cat)))
    return tuple(parts)


def _language_of(person: Person, cat: Catalogue) -> str | None:
    if person.native_name_language:
        return person.native_name_language
    country = cat.countries.get(person.country) if person.country else None
    return country.language if country else None


def affiliation(person: Person, cat: Catalogue) -> str:
    """'Title, Organisation, Country' with whatever parts are known."""
    org = cat.organisation_of(person)
    country = cat.country_name(person.country)
    parts = [person.title, org.name if org else None]
    if country and (not org or org.country != person.country or not org.name.endswith(country)):
        parts.append(country)
    return ", ".join(p for p in parts if p)


def web_url(website: str) -> str:
    """Organisers write websites as printed (`www.ilo.org`); a link needs a scheme."""
    return website if re.match(r"^[a-z][a-z0-9+.-]*:", website, re.IGNORECASE) else f"https://{website}"


def venue_blocks(event: Event, text: Fragments) -> list[Block]:
    """The venue, its address, registration and practical notes, and the event's website (linked):
    what a delegate needs to arrive, in the booklet and in every packet alike."""
    venue = event.venue
    body: list[Block] = []
    if venue:
        body.append(Heading(runs(text.render("packet_venue")), 2, anchor="venue"))
        body.append(Paragraph(runs(Run(venue.name, style="strong")), keep_with_next=bool(venue.address)))
        body += address_paragraphs(venue.address)
        if venue.registration:
            body.append(Heading(runs(text.render("packet_registration_label")), 2, anchor="registration"))
            body.append(Paragraph(runs(venue.registration)))
        if venue.notes:
            body.append(Heading(runs(text.render("packet_good_to_know")), 2, anchor="notes"))
            body.append(BulletList(tuple(runs(n) for n in venue.notes)))
    if event.website:
        body.append(
            Paragraph(
                (
                    Run(f"{text.render('website_label')}: ", style="strong"),
                    Run(event.website, link=web_url(event.website)),
                )
            )
        )
    return body


def session_title(session: Session, text: Fragments) -> str:
    """A session's heading as the layout words it ("Session 4A: ...", "Opening: ..."), on one line."""
    kind = KINDS[session.kind]
    word = text.render("session_kind", kind=session.kind)
    heading = text.render("session_heading", session=session.model_dump(), kind_word=word, prefixed=kind.prefixed)
    return re.sub(r"\s*\n\s*", " ", heading)


def session_time(session: Session) -> str:
    return f"{session.start:%H:%M}–{session.end:%H:%M}"


def contact_details(person: Person, text: Fragments) -> KeyValue:
    """Phone, mobile, fax, e-mail and address as label/value pairs with working links."""
    pairs: list[tuple[str, Inline]] = []
    for field, label in (("phone", "tel_label"), ("mobile", "mobile_label")):
        number = getattr(person, field)
        if number:
            pairs.append((text.render(label), runs(Run(number, link=tel_uri(number)))))
    if person.fax:
        pairs.append((text.render("fax_label"), runs(person.fax)))
    if person.email:
        pairs.append((text.render("email_label"), runs(Run(person.email, link=f"mailto:{person.email}"))))
    return KeyValue(tuple(pairs))


def address_paragraphs(lines: Iterable[str], style: str = "body") -> list[Paragraph]:
    return [Paragraph(runs(line), style=style) for line in lines]


def native_language(person: Person, cat: Catalogue) -> str | None:
    """The language tag for a person's native-script name: their country's language, else the first
    non-English language they speak. A wrong tag is better than none for picking fonts, but none
    is better than `en` on Khmer text, so English is never returned."""
    tag = _language_of(person, cat)
    if tag:
        return tag
    return next((lang for lang in person.languages if lang.split("-")[0] != "en"), None)


def tel_uri(number: str) -> str:
    """A `tel:` URI (RFC 3966) from a number as printed, so phones dial it from a link or a vCard.

    The region prints international numbers with the country code in brackets: '(66-2) 288 2057'
    and '(84) 903 000 301' are +66 2 288 2057 and +84 903 000 301. An extension stays apart
    ('ext. 12' -> ';ext=12') and a '(0)' trunk digit after a country code is dropped.
    """
    match = re.match(r"^(.*?)\s*(?:ext\.?|x)\s*([0-9]+)\s*$", number.strip())
    main, ext = (match.group(1), match.group(2)) if match else (number.strip(), None)
    main = main.replace("(0)", "") if re.match(r"^\+|^\(\d{1,3}[-)]", main) else main
    digits = re.sub(r"[^0-9+]", "", main)
    if not digits.startswith("+") and re.match(r"^\(\d{1,3}[-)]", main):
        digits = "+" + digits
    return f"tel:{digits}" + (f";ext={ext}" if ext else "")


def address_starts_with(address: Iterable[str], name: str) -> bool:
    """Whether address lines already open with `name` (an organisation), even wrapped over two lines as
    printed ('ILO Mekong Sub-regional Project to Combat' / 'Trafficking in ...'), so the name is not
    printed twice above them."""
    joined = " ".join(" ".join(address).split())
    wanted = " ".join(name.split())
    return bool(wanted) and (joined == wanted or joined.startswith(wanted + " "))
