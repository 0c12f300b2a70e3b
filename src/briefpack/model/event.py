"""The event data format: what an organiser writes in the YAML files, as typed models.

Every model forbids unknown keys, so a misspelt key is an error at its line instead of a value
that silently vanishes. Field descriptions end up in the JSON Schema that editors use for
completion, so they are written for organisers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    computed_field,
)

from briefpack.model.kinds import SessionKind

SLUG_PATTERN = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    Field(description="An id: lowercase letters, digits and hyphens, e.g. `vn-womens-union`."),
]
CountryCode = Annotated[
    str,
    StringConstraints(pattern=COUNTRY_PATTERN),
    Field(description="ISO 3166-1 alpha-2 country code in capitals, e.g. `VN`."),
]
#: Limits no real event reaches (the longest name of an organisation of the region is under 200
#: characters; a 2,000-word session description under 20,000), so a 1 MB name is an error that
#: `check` reports at its line, not a build that runs for minutes.
TEXT_LIMIT = 1_000
PROSE_LIMIT = 50_000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _printable(value: str) -> str:
    """Control characters written as YAML escapes ("\\x07") pass the file check; no output wants them
    (a vCard or an XML part carrying one is refused by the apps that read it)."""
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"text with the control character U+{ord(found.group()):04X}, which no document can show")
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_LIMIT),
    AfterValidator(_printable),
]
Prose = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=PROSE_LIMIT),
    AfterValidator(_printable),
    Field(description="A paragraph of text."),
]
LanguageTag = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$"),
    Field(description="BCP 47 language tag, e.g. `vi`, `km-KH`, `zh-CN`."),
]

_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./-]+(?:\s*(?:ext\.?|x)\s*[0-9]+)?$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("not an e-mail address")
    return value


def _check_phone(value: str) -> str:
    digits = sum(ch.isdigit() for ch in value)
    if not _PHONE_CHARS.match(value) or not 6 <= digits <= 17:
        raise ValueError("not a phone number")
    return value


def _clock(value: object) -> object:
    """Times are written "HH:MM"; numbers and time zones are refused rather than guessed at."""
    if isinstance(value, dt.time) and value.tzinfo is None:
        return value
    if isinstance(value, str) and re.fullmatch(r"([01]?[0-9]|2[0-3]):[0-5][0-9]", value.strip()):
        return value.strip()
    raise ValueError('not a time such as "09:30"')


def _calendar_date(value: object) -> object:
    """Dates are written 2007-07-12; a number is refused rather than read as seconds since 1970."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    raise ValueError("not a date such as 2007-07-12")


Clock = Annotated[dt.time, BeforeValidator(_clock), Field(description='24-hour time, quoted: "09:30".')]
Date = Annotated[dt.date, BeforeValidator(_calendar_date), Field(description="A date: 2007-07-12.")]

Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_email),
    Field(description="E-mail address, e.g. `dow@ilo.org`."),
]
Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_check_phone),
    Field(description="Phone number as printed: digits, spaces, + ( ) - . / allowed, e.g. `(66-2) 288 2057`."),
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Country(Model):
    code: CountryCode
    name: Text = Field(description="English name as printed, e.g. `Lao PDR`.")
    native_name: Text | None = Field(None, description="Name in the country's own language and script.")
    language: LanguageTag | None = Field(None, description="Main language, used to tag native-script text.")


class Venue(Model):
    name: Text
    address: list[Text] = Field(default_factory=list, description="Address lines as printed.")
    registration: Prose | None = Field(None, description="Where and when delegates register.")
    notes: list[Prose] = Field(default_factory=list, description="Practical notes for delegations.")


class Quote(Model):
    text: Prose
    person: Slug


#: Names Windows cannot give a file or folder (in any case, with any extension).
RESERVED_FILE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def _folder_name(value: str) -> str:
    if value in RESERVED_FILE_NAMES:
        raise ValueError(f"a name Windows cannot give a folder (the pack is written into out/{value}/)")
    return value


class Event(Model):
    id: Annotated[Slug, AfterValidator(_folder_name)]
    name: Text = Field(description="Full title, e.g. `The Mekong Women's Forum`.")
    short_name: Text | None = None
    edition: Text | None = Field(None, description="Year or edition shown beside the name, e.g. `2007`.")
    theme: Text | None = None
    start_date: Date
    end_date: Date
    city: Text
    country: CountryCode
    time_zone: Text | None = Field(
        None,
        description="IANA time zone of the venue, e.g. `Asia/Ho_Chi_Minh`: the calendars' times are in it. "
        "Without it, the zone of `country` when that country has only one.",
    )
    venue: Venue | None = None
    host: Slug = Field(description="Id of the hosting organisation.")
    partners: list[Slug] = Field(default_factory=list, description="Ids of co-organising organisations.")
    description: list[Prose] = Field(default_factory=list, description="Paragraphs about the event.")
    aims_intro: Prose | None = None
    aims_lead: Prose | None = Field(None, description="The line that introduces the list of aims.")
    aims: list[Prose] = Field(default_factory=list)
    topics_intro: Prose | None = None
    recommendations: Prose | None = Field(None, description="What delegations are asked to present.")
    exhibits_intro: Prose | None = None
    quote: Quote | None = None
    languages: list[LanguageTag] = Field(default_factory=list)
    website: Text | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def full_name(self) -> str:
        """The name with its edition ("... Forum 2007"), unless the name already ends with it."""
        if not self.edition or self.name.casefold().endswith(self.edition.casefold()):
            return self.name
        return f"{self.name} {self.edition}"

    layouts: dict[Slug, Text] = Field(
        default_factory=dict,
        description="Layout per product (`booklet`, `press-kit`, `packets`, `cards`): a layout name, or a folder "
        "inside the event folder, e.g. `booklet: layouts/our-booklet`.",
    )


class Presentation(Model):
    title: Text
    presenters: list[Slug] = Field(default_factory=list, description="Ids of the people presenting.")
    organisation: Slug | None = None
    country: CountryCode | None = None


def _label(value: object) -> object:
    """A session label is text (`4A`, `Parallel 2`); a whole number (`number: 3`) is read as its digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError("not a session label (numbers start at 1)")
        return str(value)
    return value


SessionLabel = Annotated[
    str,
    BeforeValidator(_label),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=24),
    AfterValidator(_printable),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1, "maxLength": 24}, {"type": "integer", "minimum": 1}]}),
]


class Session(Model):
    id: Slug
    kind: SessionKind
    number: SessionLabel | None = Field(
        None, description="Session label as printed after the kind's word: `1` for `Session 1`, `4A`, `Parallel 2`."
    )
    title: Text
    start: Clock
    end: Clock
    room: Text | None = None
    chairs: list[Slug] = Field(default_factory=list)
    description: Prose | None = None
    focus_countries: list[CountryCode] = Field(
        default_factory=list, description="Countries whose work the session features."
    )
    presentations: list[Presentation] = Field(default_factory=list)


class Day(Model):
    date: Date
    title: Text | None = None
    sessions: list[Session]


OrganisationKind = Literal["womens-union", "government", "workers", "employers", "un-agency", "ngo", "media", "other"]


class Organisation(Model):
    id: Slug
    name: Text
    native_name: Text | None = None
    acronym: Text | None = None
    country: CountryCode | None = None
    kind: OrganisationKind
    website: Text | None = None


Role = Literal["speaker", "chair", "spokesperson", "press", "organiser", "liaison", "delegate", "observer"]


class Person(Model):
    id: Slug
    name: Text = Field(description="Name in Latin script as printed, e.g. `Duong Thi Xuan` or `Dương Thị Xuân`.")
    native_name: Text | None = Field(None, description="Name in the person's own script.")
    native_name_language: LanguageTag | None = Field(
        None, description="Language of `native_name` when not the country's, e.g. `zh-Hant`, `ja`, `my`."
    )
    family_name: Text | None = Field(None, description="The family name within `name`, e.g. `Dow`.")
    given_name: Text | None = Field(None, description="The given names within `name`, e.g. `Allan`.")
    name_order: Literal["given-first", "family-first"] | None = Field(
        None, description="How `name` is written; by default, as the person's country writes names."
    )
    sort_as: Text | None = Field(None, description="Where the index sorts this person, e.g. `Dow Allan`.")
    honorific: Text | None = Field(None, description="e.g. `Ms.`, `Mr.`, `Dr.`")
    title: Text | None = Field(None, description="Job title.")
    organisation: Slug | None = None
    country: CountryCode | None = None
    roles: list[Role] = Field(default_factory=list)
    phone: Phone | None = None
    mobile: Phone | None = None
    fax: Phone | None = None
    email: Email | None = None
    address: list[Text] = Field(default_factory=list, description="Postal address lines as printed.")
    languages: list[LanguageTag] = Field(default_factory=list, description="Languages spoken.")


class Brief(Model):
    title: Text
    summary: Prose | None = None
    session: Slug = Field(description="Id of the session in which the brief is presented.")
    start: Clock
    minutes: int = Field(ge=1, le=240)
    presenters: list[Slug]


class Delegation(Model):
    id: Slug
    country: CountryCode
    head: Slug | None = None
    members: list[Slug] = Field(default_factory=list, description="Ids of members other than the head.")
    liaison: Slug | None = Field(None, description="The host's liaison person for this delegation.")
    brief: Brief | None = None


ContactPurpose = Literal["information", "press"]


class Contact(Model):
    person: Slug
    purpose: ContactPurpose


class Exhibit(Model):
    id: Slug
    title: Text
    description: Prose | None = None
    organisation: Slug | None = None
    location: Text | None = None


class Sheet(Model):
    """A spreadsheet holding a section (see `load/sheets.py`); files named after a section need none."""

    file: Text = Field(description="A .csv or .xlsx file in the event folder, e.g. `registrations.xlsx`.")
    section: Literal["organisations", "delegations", "people", "exhibits"]
    sheet: Text | None = Field(None, description="The workbook's sheet to read (default: its first).")
    columns: dict[str, str | None] = Field(
        default_factory=dict,
        description="Header -> field, where the sheet's headers are not the usual ones; null leaves a column unread.",
    )


class SourceFile(Model):
    """One YAML file: any of the top-level sections, each section given in exactly one file."""

    event: Event | None = None
    countries: list[Country] | None = None
    days: list[Day] | None = None
    organisations: list[Organisation] | None = None
    people: list[Person] | None = None
    delegations: list[Delegation] | None = None
    contacts: list[Contact] | None = None
    exhibits: list[Exhibit] | None = None
    sheets: list[Sheet] | None = None


class EventData(Model):
    """The whole event, once all files are merged: what every composer reads."""

    event: Event
    countries: list[Country]
    days: list[Day] = Field(min_length=1)
    organisations: list[Organisation]
    people: list[Person]
    delegations: list[Delegation] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    exhibits: list[Exhibit] = Field(default_factory=list)


SECTIONS: tuple[str, ...] = tuple(SourceFile.model_fields)
REQUIRED_SECTIONS: tuple[str, ...] = tuple(
    name for name, field in EventData.model_fields.items() if field.is_required()
)
