"""A document with every block type and a line in every script of the region, for renderer tests.

Import it as `from render.samples import every_block_document` (tests/ is on the path).
"""

from __future__ import annotations

from briefpack.document.contacts import Contact, Localised
from briefpack.document.model import (
    BulletList,
    Card,
    CardGrid,
    Document,
    Heading,
    Image,
    Index,
    IndexEntry,
    KeepTogether,
    KeyValue,
    Metadata,
    PageBreak,
    Paragraph,
    Row,
    Run,
    ScheduleGrid,
    ScheduleItem,
    Section,
    Spacer,
    Table,
    TableOfContents,
    cell,
    runs,
)

SCRIPT_LINES = {
    "english": "Women's Solidarity & Empowerment in Action against Human Trafficking",
    "vietnamese": "Dương Thị Xuân, Hội Liên hiệp Phụ nữ Việt Nam",
    "thai": "สภาสตรีแห่งชาติในพระบรมราชินูปถัมภ์",
    "lao": "ສະຫະພັນແມ່ຍິງລາວ",
    "khmer": "សហភាពស្ត្រីកម្ពុជា ស្រីមុំ សុភ័ក្ត្រ",
    "chinese": "云南省妇女联合会",
    "mixed": "Dương Thị Xuân (云南) สตรี/ສະຫະພັນ/ស្ត្រី",
}
HOSTILE = "AT&T <b>not bold</b> \"quoted\" 'single' " + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2 + "x" * 10


def every_block_document() -> Document:
    body = [
        TableOfContents("Contents"),
        PageBreak(),
        Heading(runs("Scripts of the region"), level=1, anchor="scripts"),
        *(Paragraph(runs(text), anchor=f"line-{name}") for name, text in SCRIPT_LINES.items()),
        Paragraph(runs(HOSTILE)),
        Paragraph(
            runs(
                "Styled: ",
                Run("strong", style="strong"),
                " and ",
                Run("emphasis", style="emphasis"),
                ", a ",
                Run("web link", link="https://www.ilo.org/"),
                ", ",
                Run("dow@ilo.org", link="mailto:dow@ilo.org"),
                ", ",
                Run("+66 2 288 2057", link="tel:+6622882057"),
                " and an ",
                Run("internal link to the table", target="the-table"),
                ".",
            )
        ),
        Heading(runs("Lists and key-values"), level=2, anchor="lists"),
        BulletList((runs("first aim;"), runs("second aim: ", Run("ສະຫະພັນ", lang="lo-LA")), runs("third aim"))),
        BulletList((runs("one"), runs("two")), ordered=True),
        KeyValue(
            (
                ("Tel", runs(Run("(66-2) 288 2057", link="tel:+6622882057"))),
                ("E-mail", runs(Run("dow@ilo.org", link="mailto:dow@ilo.org"))),
                ("Address", runs("United Nations Building, 10th Floor, Block B")),
            )
        ),
        Heading(runs("A table"), level=2, anchor="the-table"),
        Table(
            widths=(1, 3, 2),
            header=(Row((cell("Time"), cell("Session"), cell("Room"))),),
            rows=tuple(
                Row(
                    (
                        cell(f"{9 + i // 2:02d}:{(i % 2) * 30:02d}"),
                        cell(f"Row {i} ", SCRIPT_LINES["khmer"]),
                        cell("Main Hall"),
                    ),
                    highlight=i == 3,
                )
                for i in range(40)
            ),
        ),
        Heading(runs("A schedule"), level=2, anchor="schedule"),
        ScheduleGrid(
            title=runs("Thursday 12 July 2007"),
            items=(
                ScheduleItem("08:00", "08:30", runs("Registration")),
                ScheduleItem("09:00", "10:00", runs("Opening keynote"), runs("Chair: Dương Thị Xuân"), "Main Hall"),
                ScheduleItem(
                    "10:30",
                    "12:00",
                    runs("Session 1"),
                    runs("云南 ស្ត្រី"),
                    "Main Hall",
                    highlight=True,
                    target="scripts",
                ),
            ),
        ),
        KeepTogether(
            (
                Heading(runs("Kept together"), level=3, outline=False),
                Paragraph(runs("A presentation title, its presenter and organisation stay on one page.")),
            )
        ),
        Image(width_mm=25, qr="BEGIN:VCARD\nVERSION:4.0\nFN:Dương Thị Xuân\nEND:VCARD", alt="QR code"),
        Spacer(4),
        Heading(runs("Index"), level=1, anchor="index"),
        Index(
            (
                IndexEntry(runs("Dow, Allan"), ("lists", "the-table"), "dow allan"),
                IndexEntry(runs("Dương Thị Xuân"), ("scripts",), "duong thi xuan"),
            )
        ),
    ]
    cards = CardGrid(
        tuple(
            Card(
                (
                    Paragraph(runs(name), style="card-name"),
                    Paragraph(runs(native), style="card-native"),
                    Paragraph(runs("Communications Officer"), style="card-title"),
                    Paragraph(runs("dow@ilo.org"), style="card-line"),
                ),
                contact=Contact(f"urn:uuid:{i:08d}-0000-4000-8000-000000000000", (Localised(name),)),
                label=name,
            )
            for i, (name, native) in enumerate([("Allan Dow", ""), ("Duong Thi Xuan", "Dương Thị Xuân")] * 6)
        )
    )
    return Document(
        metadata=Metadata(
            title="Every block",
            author="briefpack tests",
            subject="Renderer specification document",
            keywords=("test", "scripts"),
            language="en",
        ),
        sections=(
            Section((Paragraph(runs("Every block"), style="title"),), template="cover"),
            Section(tuple(body), running_head="Renderer test"),
            Section((cards,), template="cards"),
        ),
    )
