"""The Word package around the content: the base document, settings, properties, deterministic bytes.

The same input must give the same bytes (builds are compared and cached, and a rebuild that changes
nothing should not look changed), so: core properties carry a fixed date and revision, python-docx's
template leftovers (revision ids, a thumbnail of some other document, Word 2010's duplicate
`stylesWithEffects`) are removed, and the zip is rewritten with fixed timestamps and member order.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml as oxml_parse
from lxml import etree

from briefpack.document.model import Metadata
from briefpack.errors import Location, Problem, UserError, display_path
from briefpack.render.docx.ooxml import SETTINGS, el, set_child, xml_text
from briefpack.timestamps import build_time, zip_time
from briefpack.untrusted import read_bytes

GENERATOR = "briefpack"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Application>{GENERATOR}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
).encode()


def open_base(reference: Path | None) -> WordDocument:
    """python-docx's template, with the styles (and theme and compatibility mode) of the user's reference
    document when one is given.

    A reference .docx comes from anyone, so only the parts that carry styles are taken from it, each
    parsed without entities, DTDs or network access, from a zip whose sizes were checked first:
    never its content, macros (`vbaProject.bin`), comments and their authors, custom properties,
    or relationships to outside targets (a remote template Word would fetch on opening).
    """
    word = docx.Document()
    if reference is not None:
        parts = _reference_parts(reference)
        word.part._styles_part._element = parts["word/styles.xml"]  # python-docx 1.2.0 (pinned) has no setter
        theme = parts.get("word/theme/theme1.xml")
        if theme is not None:
            for rel in word.part.rels.values():
                if rel.reltype == RT.THEME:
                    rel.target_part._blob = etree.tostring(
                        theme, xml_declaration=True, encoding="UTF-8", standalone=True
                    )
        settings = parts.get("word/settings.xml")
        mode = _compatibility_value(settings) if settings is not None else None
        if mode is not None:
            _set_compatibility(word, mode)
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            word.part.rels.pop(rel_id)
    return word


#: What is read of a reference document, and how much of it (zip bombs: a 1 MB file unpacking to 1 GB).
REFERENCE_PARTS = ("word/styles.xml", "word/theme/theme1.xml", "word/settings.xml")
PART_LIMIT = 8 * 1024 * 1024  # bytes, unpacked; Word's styles of a heavily styled template are under 1 MB
RATIO_LIMIT = 200  # unpacked / packed


def _reference_parts(path: Path) -> dict[str, etree._Element]:
    where = Location(display_path(path))
    if path.suffix.lower() in (".dotx", ".dotm"):
        raise UserError(
            Problem(
                "a Word template (.dotx) cannot be used as the reference document",
                where,
                hint="open it in Word and save it as a Word document (.docx), then pass that file",
            )
        )
    data = read_bytes(path, limit=REFERENCE_LIMIT, what="the reference document")
    unreadable = Problem(
        "the reference document is not a readable .docx file",
        where,
        hint="save it from Word or LibreOffice as a Word document (.docx)",
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in members else b""
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        raise UserError(unreadable) from None
    if b"template.main+xml" in types:
        raise UserError(
            Problem(
                "the reference document is a Word template, not a document",
                where,
                hint="save it from Word as a Word document (.docx)",
            )
        )
    if "word/styles.xml" not in members:
        raise UserError(
            Problem("the reference document has no styles", where, hint="save it from Word as a Word document (.docx)")
        )
    parts = {}
    for name in REFERENCE_PARTS:
        info = members.get(name)
        if info is None:
            continue
        if info.file_size > PART_LIMIT or info.file_size > RATIO_LIMIT * max(info.compress_size, 1):
            raise UserError(
                Problem(
                    f"the reference document's {name} unpacks to {info.file_size:,} bytes, far more than styles take",
                    where,
                    hint="is it the right file? save a fresh copy from Word",
                )
            )
        try:
            raw = archive.read(info)
            parts[name] = _parse(raw[: PART_LIMIT + 1])
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, etree.XMLSyntaxError):
            raise UserError(unreadable) from None
        except ValueError as err:
            raise UserError(Problem(f"the reference document's {name} {err}", where, hint=unreadable.hint)) from None
    return parts


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True)


def _parse(raw: bytes) -> etree._Element:
    """XML Word writes: no DTD, no entities. Anything declaring them is refused, not interpreted."""
    if b"<!DOCTYPE" in raw[:4096].upper() or b"<!ENTITY" in raw.upper():
        raise ValueError("declares a DTD or entities, which Word never writes")
    root = etree.fromstring(raw, _PARSER)
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise ValueError("refers to entities, which Word never writes")
    return oxml_parse(etree.tostring(root))


def _compatibility_value(settings: etree._Element) -> int | None:
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode" and setting.get(qn("w:val"), "").isdigit():
            return int(setting.get(qn("w:val")))
    return None


def _set_compatibility(word: WordDocument, mode: int) -> None:
    for setting in word.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), str(mode))


def compatibility_mode(word: WordDocument) -> int:
    """Word's layout compatibility mode of the base document (14 = Word 2010, 15 = Word 2013 and later)."""
    for setting in word.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode" and setting.get(qn("w:val"), "").isdigit():
            return int(setting.get(qn("w:val")))
    return 12  # no setting: Word 2007 behaviour


def apply_settings(word: WordDocument, *, facing: bool, language: str, east_asian: str, embed_fonts: bool) -> None:
    """Fields refresh on opening (contents, page references); mirrored margins for facing pages; the
    theme's languages follow the document's; embedded fonts are declared (subset, TrueType)."""
    settings = word.settings.element
    set_child(settings, el("w:themeFontLang", {"w:val": language, "w:eastAsia": east_asian}), SETTINGS)
    for name in ("embedTrueTypeFonts", "saveSubsetFonts"):
        for old in settings.findall(qn(f"w:{name}")):
            settings.remove(old)
        if embed_fonts:
            set_child(settings, el(f"w:{name}"), SETTINGS)
    for rsids in settings.findall(qn("w:rsids")):
        settings.remove(rsids)
    set_child(settings, el("w:updateFields", {"w:val": "true"}), SETTINGS)
    for name in ("mirrorMargins", "evenAndOddHeaders"):
        for old in settings.findall(qn(f"w:{name}")):
            settings.remove(old)
        if facing:
            set_child(settings, el(f"w:{name}"), SETTINGS)


REFERENCE_LIMIT = 20 * 1024 * 1024  # bytes: a styles template with a logo is well under 1 MB

CORE_PROPERTY_LIMIT = 255  # characters; python-docx refuses longer core properties (Word shows no more)


def _fitted(text: str) -> str:
    """The text, or as much of it as fits, cut after a whole word when one ends near the limit."""
    text = xml_text(text)
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    cut = text[: CORE_PROPERTY_LIMIT - 1]
    space = cut.rfind(" ", CORE_PROPERTY_LIMIT - 40)
    return (cut[:space] if space > 0 else cut).rstrip() + "…"


def _keywords(words: tuple[str, ...]) -> str:
    """As many whole keywords as fit: an event with sixty countries names them all in its metadata."""
    kept: list[str] = []
    for word in (xml_text(w) for w in words):
        if len(", ".join([*kept, word])) > CORE_PROPERTY_LIMIT:
            break
        kept.append(word)
    return ", ".join(kept)


def set_properties(word: WordDocument, metadata: Metadata) -> None:
    props = word.core_properties
    props.title = _fitted(metadata.title)
    props.author = _fitted(metadata.author)
    props.subject = _fitted(metadata.subject)
    props.keywords = _keywords(metadata.keywords)
    props.language = _fitted(metadata.language)
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.last_modified_by = GENERATOR
    props.revision = 1
    props.created = props.modified = build_time()
    core = word.part.package.core_properties._element
    for printed in core.findall(qn("cp:lastPrinted")):
        core.remove(printed)


def members(word: WordDocument) -> dict[str, bytes]:
    """The saved package's parts by zip member name, with briefpack's app properties."""
    raw = io.BytesIO()
    word.save(raw)
    with zipfile.ZipFile(raw) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    if "docProps/app.xml" in parts:
        parts["docProps/app.xml"] = APP_XML
    return parts


def zipped(members: dict[str, bytes]) -> bytes:
    """The parts as a zip with fixed timestamps and member order."""
    first = ["[Content_Types].xml", "_rels/.rels"]
    order = [m for m in first if m in members] + sorted(m for m in members if m not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=zip_time())
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, members[name], compresslevel=6)
    return out.getvalue()
