"""The products of a pack: what jobs each plans, and how a job turns into files.

A product plans jobs from the validated event (cheap, in the parent process) and makes a job's
files from the job alone plus a per-process `Workshop` (layouts, fonts and fragments, loaded once
per process). Each job gets the slice of the data it may read (see `jobs.py`): a delegation's
packet sees only its own delegation, so editing another delegation never rebuilds it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from typing import Protocol

from briefpack.assemble.context import BuildOptions, Workshop
from briefpack.assemble.jobs import Job
from briefpack.assemble.slugs import delegation_slugs, find_delegation
from briefpack.document.contacts import ContactBook
from briefpack.model.checks import references
from briefpack.model.event import Delegation, EventData, Person
from briefpack.timestamps import zip_time

POINTS_PER_MM = 72 / 25.4


class Product(Protocol):
    name: str

    def plan(self, data: EventData, options: BuildOptions) -> list[Job]: ...

    def make(self, job: Job, shop: Workshop) -> list[bytes]: ...


def _shared(data: EventData) -> EventData:
    """The data the products every delegation shares (booklet, press kit, cards) are given: all of it
    but what only a delegation's own packet shows, its brief's summary and its liaison. Editing those
    then rebuilds that packet alone; the composers cannot read what they are not handed."""
    delegations = [
        dele.model_copy(
            update={"liaison": None, "brief": dele.brief.model_copy(update={"summary": None}) if dele.brief else None}
        )
        for dele in data.delegations
    ]
    return data.model_copy(update={"delegations": delegations})


def _for_cards(data: EventData) -> EventData:
    """Cards show people, their organisations and which delegations they head: no rosters or briefs."""
    delegations = [dele.model_copy(update={"members": [], "liaison": None, "brief": None}) for dele in data.delegations]
    return data.model_copy(update={"delegations": delegations})


def _packet_slices(data: EventData, wanted: list[Delegation]) -> dict[str, EventData]:
    """What each delegation's packet is handed: its own delegation, and everyone except the members of
    other delegations whom nothing in the slice refers to (the programme, contacts, the liaison). So a
    person's edit rebuilds the packets that show that person, and each packet job carries (and
    pickles to its worker) a few hundred people rather than all of a large event's.

    The references are the ones the checks verify (`model.checks.references`): a person reference
    under `delegations[i]` belongs to that delegation's slice, any other to every slice."""
    in_rosters = {pid for d in data.delegations for pid in (d.head, *d.members) if pid}
    by_all: set[str] = set()
    by_delegation: dict[int, set[str]] = {}
    for kind, ident, path in references(data):
        if kind != "person":
            continue
        if path[0] == "delegations":
            by_delegation.setdefault(int(path[1]), set()).add(ident)
        else:
            by_all.add(ident)
    position = {id(dele): i for i, dele in enumerate(data.delegations)}
    slices = {}
    for dele in wanted:
        named = by_all | by_delegation.get(position[id(dele)], set())
        people = [p for p in data.people if p.id not in in_rosters or p.id in named]
        slices[dele.id] = data.model_copy(update={"delegations": [dele], "people": people})
    return slices


def _sliced(job: Job) -> EventData:
    assert job.data is not None, "a job always carries its data slice"
    return job.data


class Booklet:
    """The programme booklet, its saddle-stitch imposition and its print edition, in one job: the
    imposition reuses the screen pages and the print edition their pagination (one layout pass
    instead of two), which costs less than rendering them side by side in two processes."""

    name = "booklet"
    layout = "booklet-a5"

    def plan(self, data: EventData, options: BuildOptions) -> list[Job]:
        if "pdf" not in options.formats:
            return []
        paths = ("programme-booklet.pdf", "programme-booklet-imposed.pdf", "programme-booklet-print.pdf")
        return [Job(self.name, "pdf", paths, data=_shared(data))]

    def make(self, job: Job, shop: Workshop) -> list[bytes]:
        from briefpack.compose.booklet import compose_booklet
        from briefpack.render.pdf.impose import impose_saddle_stitch

        layout = shop.layout_for(self.name, self.layout)
        document = compose_booklet(_sliced(job), shop.text(layout))
        screen, imposed, printed = job.paths
        pages, print_ready = shop.pdf_editions(document, layout, (screen, printed))
        sheet = tuple(v * POINTS_PER_MM for v in layout.page.imposition_sheet_mm)
        return [pages, shop.preflighted(imposed, impose_saddle_stitch(pages, sheet)), print_ready]


class PressKit:
    """The press kit: the DOCX communications staff edit, and its PDF twin from the same document."""

    name = "press-kit"
    layout = "report-a4"

    def plan(self, data: EventData, options: BuildOptions) -> list[Job]:
        shared = _shared(data)
        return [
            Job(self.name, fmt, (f"press-kit.{fmt}",), data=shared) for fmt in ("docx", "pdf") if fmt in options.formats
        ]

    def make(self, job: Job, shop: Workshop) -> list[bytes]:
        from briefpack.compose.press_kit import compose_press_kit

        layout = shop.layout_for(self.name, self.layout)
        document = compose_press_kit(_sliced(job), shop.text(layout))
        return [shop.render(job.format, document, layout, job.paths[0])]


class Packets:
    """One briefing packet per delegation (PDF, DOCX), its calendar, and a zip with all of them and the
    contact cards and vCards of the people it names, ready to mail."""

    name = "packets"
    layout = "report-a4"

    def plan(self, data: EventData, options: BuildOptions) -> list[Job]:
        slugs = delegation_slugs(data)
        wanted = [find_delegation(data, key) for key in options.delegations] or data.delegations
        formats = [fmt for fmt in ("pdf", "docx", "ics") if fmt in options.formats]
        slices = _packet_slices(data, wanted)
        jobs = []
        for dele in wanted:
            folder = f"delegations/{slugs[dele.id]}"
            paths = (*(f"{folder}/{_PACKET_FILES[fmt]}" for fmt in formats), f"{folder}.zip")
            jobs.append(Job(self.name, "+".join(formats), paths, recipient=dele.id, data=slices[dele.id]))
        if not options.delegations:
            jobs.append(Job(self.name, "csv", ("delegations/recipients.csv",), variant="recipients", data=data))
        return jobs

    def make(self, job: Job, shop: Workshop) -> list[bytes]:
        from briefpack.compose.calendars import compose_calendar
        from briefpack.compose.cards import compose_cards
        from briefpack.compose.packet import compose_packet, packet_contacts
        from briefpack.compose.recipients import compose_recipients

        data = _sliced(job)
        if job.variant == "recipients":
            return [shop.render(job.format, compose_recipients(data, delegation_slugs(data)))]
        assert job.recipient is not None
        layout = shop.layout_for(self.name, self.layout)
        text = shop.text(layout)
        document = compose_packet(data, job.recipient, text)
        calendar = compose_calendar(data, text, job.recipient)
        briefings = [
            shop.render(fmt, calendar if fmt == "ics" else document, layout, path)
            for fmt, path in zip(job.formats, job.paths, strict=False)
        ]
        files = {path.rsplit("/", 1)[1]: data for path, data in zip(job.paths, briefings, strict=False)}
        contacts = packet_contacts(data, job.recipient)
        if contacts:
            cards = compose_cards(data, text, people=contacts)
            files["contact-cards.pdf"] = shop.render("pdf", cards, layout, f"{job.paths[-1]}/contact-cards.pdf")
            files.update(vcards(contacts, data, shop))
        return [*briefings, _zip(files)]


#: A packet's own files, by format: the briefing in each document format, and its calendar.
_PACKET_FILES = {"pdf": "briefing.pdf", "docx": "briefing.docx", "ics": "calendar.ics"}


class Calendars:
    """The whole programme as a calendar (each delegation's own is in its packet)."""

    name = "calendar"
    layout = "report-a4"

    def plan(self, data: EventData, options: BuildOptions) -> list[Job]:
        if "ics" not in options.formats:
            return []
        # The event and its days are all it shows: an edit to a person or a brief rebuilds no calendar.
        sections = ("people", "organisations", "delegations", "contacts", "exhibits")
        programme = data.model_copy(update={section: [] for section in sections})
        return [Job(self.name, "ics", ("programme.ics",), data=programme)]

    def make(self, job: Job, shop: Workshop) -> list[bytes]:
        from briefpack.compose.calendars import compose_calendar

        layout = shop.layout_for(self.name, self.layout)
        return [shop.render("ics", compose_calendar(_sliced(job), shop.text(layout)))]


class Cards:
    """Contact cards N-up with cut marks, and every card as a vCard file."""

    name = "cards"
    layout = "report-a4"

    def plan(self, data: EventData, options: BuildOptions) -> list[Job]:
        from briefpack.compose.cards import card_people

        if "pdf" not in options.formats:
            return []
        people = card_people(data, options.cards)
        paths = ("contact-cards.pdf", *vcard_paths(people))
        return [Job(self.name, "pdf+vcf", paths, variant=options.cards, data=_for_cards(data))]

    def make(self, job: Job, shop: Workshop) -> list[bytes]:
        from briefpack.compose.cards import card_people, compose_cards

        data = _sliced(job)
        layout = shop.layout_for(self.name, self.layout)
        scope = "all" if job.variant == "all" else "default"
        people = card_people(data, scope)
        files = vcards(people, data, shop)
        return [
            shop.render("pdf", compose_cards(data, shop.text(layout), scope), layout, job.paths[0]),
            *files.values(),
        ]


def vcard_paths(people: Sequence[Person]) -> list[str]:
    """Where the vCards of `people` go: all of them in one file, and each in a file of their own (Outlook
    imports only the first card of a file)."""
    return ["contacts.vcf", *(f"contacts/{person.id}.vcf" for person in people)]


def vcards(people: Sequence[Person], data: EventData, shop: Workshop) -> dict[str, bytes]:
    """The files of `vcard_paths`, in its order."""
    from briefpack.compose.contacts import contact_book

    book = contact_book(people, data)
    files = {"contacts.vcf": shop.render("vcf", book)}
    for path, entry in zip(vcard_paths(people)[1:], book.contacts, strict=True):
        files[path] = shop.render("vcf", ContactBook((entry,)))
    return files


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip with fixed timestamps and order, so the same packet always gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=zip_time())
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


PRODUCTS: dict[str, Product] = {p.name: p for p in (Booklet(), PressKit(), Packets(), Cards(), Calendars())}
