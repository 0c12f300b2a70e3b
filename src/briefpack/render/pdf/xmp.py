"""XMP metadata packets: the document's Info entries in XMP, plus the identification of the standards
it claims (PDF/UA, PDF/X). Written as text, not with an XMP toolkit, so the packet is byte-stable:
no clock, no generated ids, properties in a fixed order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

#: Namespaces by prefix; only those a packet uses are declared.
NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfxid": "http://www.npes.org/pdfx/ns/id/",
    "pdfx": "http://ns.adobe.com/pdfx/1.3/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
}

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})'?(\d{2})'?|Z)?")


def xmp_date(pdf_date: str) -> str | None:
    """A PDF date (``D:20000101000000+00'00'``) as an XMP date (``2000-01-01T00:00:00+00:00``)."""
    m = _PDF_DATE.match(pdf_date)
    if m is None:
        return None
    year, month, day, hour, minute, second, sign, tz_hour, tz_minute = m.groups()
    zone = f"{sign}{tz_hour}:{tz_minute}" if sign else "Z"
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}{zone}"


def xmp_packet(info: Mapping[str, str], claims: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """The packet for Info entries `info` (Title, Author, Subject, Keywords, Creator, Producer,
    CreationDate, ModDate) and `claims`: (prefix, property, value), e.g. ("pdfuaid", "part", "1").

    Title, Author and Subject become dc:title, dc:creator and dc:description, as PDF/A, PDF/UA and
    PDF/X require them to agree with the Info dictionary.
    """
    props: list[tuple[str, str]] = []  # (prefix, XML of the property)

    def simple(prefix: str, name: str, value: str) -> None:
        props.append((prefix, f"<{prefix}:{name}>{escape(value)}</{prefix}:{name}>"))

    def alt(name: str, value: str) -> None:
        props.append(
            ("dc", f'<dc:{name}><rdf:Alt><rdf:li xml:lang="x-default">{escape(value)}</rdf:li></rdf:Alt></dc:{name}>')
        )

    if info.get("Title"):
        alt("title", info["Title"])
    if info.get("Author"):
        props.append(("dc", f"<dc:creator><rdf:Seq><rdf:li>{escape(info['Author'])}</rdf:li></rdf:Seq></dc:creator>"))
    if info.get("Subject"):
        alt("description", info["Subject"])
    if info.get("Keywords"):
        simple("pdf", "Keywords", info["Keywords"])
    if info.get("Producer"):
        simple("pdf", "Producer", info["Producer"])
    if info.get("Creator"):
        simple("xmp", "CreatorTool", info["Creator"])
    for key, name in (("CreationDate", "CreateDate"), ("ModDate", "ModifyDate")):
        date = xmp_date(info.get(key, ""))
        if date:
            simple("xmp", name, date)
    for prefix, name, value in claims:
        simple(prefix, name, value)
    used = list(dict.fromkeys(prefix for prefix, _ in props))
    declarations = "".join(f' xmlns:{p}="{NAMESPACES[p]}"' for p in used)
    body = "".join(xml for _, xml in props)
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about=""{declarations}>{body}</rdf:Description>'
        "</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return packet.encode("utf-8")
