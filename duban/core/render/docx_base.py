"""Page, fonts and paragraphs shared by every Word output, after GB/T 9704-2012 (党政机关公文格式).

The DOCX names the official faces (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312) so that Word on
the office's machines uses them; our PDF path maps the same names to Noto CJK (see pdf.py).
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.font import Font
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import SubElement

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
# The Latin face beside each Chinese one; Word picks it for digits and ASCII.
LATIN = "Times New Roman"

# GB/T 9704-2012 §5.2.1: sizes in points (二号 22, 三号 16, 四号 14, 小四 12, 五号 10.5).
ERHAO = 22.0
SANHAO = 16.0
SIHAO = 14.0
XIAOSI = 12.0
WUHAO = 10.5
LINE_PITCH = 28.95


def new_document(landscape: bool = False, marking: str | None = None) -> DocumentObject:
    """An A4 document with the official margins (top 37, bottom 35, left 28, right 26 mm); a
    marking such as 内部资料 goes at the head of every page."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)
    section.footer_distance = Mm(20)
    normal = doc.styles["Normal"]
    set_font(normal.font, FANGSONG, SANHAO)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    # 22 lines to the 225 mm type area (GB/T 9704 §5.2.2): an exact 28.95 pt line pitch.
    normal.paragraph_format.line_spacing = Pt(LINE_PITCH)
    add_page_number_footer(doc)
    if marking:
        add_marking_header(doc, marking)
    return doc


def add_marking_header(doc: DocumentObject, marking: str) -> None:
    """The document's marking (内部资料) at the top left of every page, in 黑体 三号, where
    GB/T 9704 puts a document's 密级."""
    p = doc.sections[0].header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run(p, marking, HEITI, SANHAO)


def set_font(font: Font, face: str, size: float | None = None, bold: bool | None = None) -> None:
    """Set both the Latin and the East Asian face: python-docx's `font.name` sets only the Latin."""
    font.name = LATIN if face == FANGSONG else face
    # A run's or a style's element; both carry the rPr that holds w:rFonts.
    rpr = font.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), face)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold


def run(
    paragraph: Paragraph,
    text: str,
    face: str = FANGSONG,
    size: float | None = None,
    bold: bool | None = None,
) -> Run:
    r = paragraph.add_run(text)
    set_font(r.font, face, size, bold)
    return r


def para(
    doc_or_cell: DocumentObject | _Cell,
    text: str = "",
    face: str = FANGSONG,
    size: float = SANHAO,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    bold: bool | None = None,
) -> Paragraph:
    """One paragraph in one face; `indent` is the customary two-character first-line indent."""
    p = doc_or_cell.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if text:
        run(p, text, face, size, bold)
    return p


def title(doc: DocumentObject, text: str) -> Paragraph:
    """The document title: 方正小标宋简体 二号, centred (黑体 is the fallback a reader's machine picks)."""
    p = para(doc, text, XIAOBIAOSONG, ERHAO, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.line_spacing = 1.0
    p.paragraph_format.space_after = Pt(SANHAO)
    return p


def add_page_number_footer(doc: DocumentObject) -> None:
    """ "— N —" centred at the foot, N a PAGE field so Word and LibreOffice count the pages."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(p, "— ", FANGSONG, SIHAO)
    _field(p, "PAGE", "1")
    run(p, " —", FANGSONG, SIHAO)


def _field(p: Paragraph, instruction: str, placeholder: str) -> None:
    def fld(kind: str) -> None:
        SubElement(run(p, "", FANGSONG, SIHAO)._r, qn("w:fldChar"), {qn("w:fldCharType"): kind})

    fld("begin")
    instr = run(p, "", FANGSONG, SIHAO)._r
    text = SubElement(instr, qn("w:instrText"), {qn("xml:space"): "preserve"})
    text.text = f" {instruction} "
    fld("separate")
    run(p, placeholder, FANGSONG, SIHAO)
    fld("end")


def add_paragraph_style(doc: DocumentObject, name: str, face: str, size: float) -> str:
    """A paragraph style in one face; returns its id. Runs under it then need no fonts of their own,
    which keeps a 100-page table small and fast to write."""
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    set_font(style.font, face, size)
    style.paragraph_format.line_spacing = 1.0  # single: tables do not keep the page's line pitch
    return str(style.style_id)


def page_break(doc: DocumentObject) -> None:
    from docx.enum.text import WD_BREAK

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def to_bytes(doc: DocumentObject) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
