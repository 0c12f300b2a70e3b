"""The print edition's PDF/X identification, written into the rendered PDF with pikepdf.

PDF/X-1a:2003 (ISO 15930-4) when the layout names only a printing condition: every colour is CMYK
already (the print canvas refuses anything else), fonts are embedded, pages carry TrimBox and
BleedBox, and there are no annotations. PDF/X-4 (ISO 15930-7) when the layout also names the
printer's ICC output profile, which is embedded as the OutputIntent's DestOutputProfile. Both get
GTS_PDFXVersion and Trapped in the Info dictionary and in XMP, and an OutputIntent naming the
condition. The document id in XMP is derived from the file's own bytes, so the output stays
deterministic. Ghostscript's `-dPDFX` is never used: it rewrites the fonts and loses the text.
"""

from __future__ import annotations

import hashlib
import io
import uuid

import pikepdf
from pikepdf import Array, Dictionary, Name

from briefpack.layout.model import OUTPUT_CONDITIONS, Layout
from briefpack.render.pdf.structure import set_metadata

PDFX_1A = "PDF/X-1a:2003"
PDFX_4 = "PDF/X-4"
REGISTRY = "http://www.color.org"


def pdfx_version(layout: Layout) -> str:
    return PDFX_4 if layout.output_profile else PDFX_1A


def declare_pdfx(data: bytes, layout: Layout) -> bytes:
    """`data` (a CMYK print edition) declaring the PDF/X version its layout calls for."""
    pdf = pikepdf.open(io.BytesIO(data))
    version = pdfx_version(layout)
    condition = layout.output_condition
    intent = Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(condition),
        OutputCondition=pikepdf.String(OUTPUT_CONDITIONS.get(condition, condition)),
        Info=pikepdf.String(OUTPUT_CONDITIONS.get(condition, condition)),
        RegistryName=pikepdf.String(REGISTRY),
    )
    if layout.output_profile:
        profile = pikepdf.Stream(pdf, layout.output_profile)
        profile.N = 4
        intent.DestOutputProfile = pdf.make_indirect(profile)
    pdf.Root.OutputIntents = Array([pdf.make_indirect(intent)])
    pdf.docinfo[Name.GTS_PDFXVersion] = pikepdf.String(version)
    pdf.docinfo[Name.Trapped] = Name("/False")
    document_id = uuid.UUID(bytes=hashlib.sha256(data).digest()[:16], version=4)
    claims = [
        ("pdf", "Trapped", "False"),
        ("pdfxid" if version == PDFX_4 else "pdfx", "GTS_PDFXVersion", version),
        ("xmpMM", "DocumentID", f"uuid:{document_id}"),
        ("xmpMM", "VersionID", "1"),
        ("xmpMM", "RenditionClass", "default"),
    ]
    set_metadata(pdf, claims)
    out = io.BytesIO()
    if version == PDFX_4:
        pdf.save(out, min_version="1.6", deterministic_id=True)
    else:  # PDF/X-1a:2003 is PDF 1.4: no object streams
        pdf.save(out, force_version="1.4", deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()
