"""佐证材料: what an uploaded file is, found from its bytes (never its name), and its thumbnail.

A report's evidence is a photo, a PDF, a Word document or an Excel workbook. Everything else —
an executable named .jpg, an SVG or HTML page (script), an old .doc/.xls (macros hide there), a
0-byte file — is refused in one sentence. Word and Excel files pass the importers' zip checks
(`importers/safety.check_office_zip`: zip bombs, XML entities) and may hold no macros. Images
are decoded by Pillow under a pixel limit; a phone's HEIC photo becomes a JPEG (pillow-heif).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from duban.core.errors import InputError
from duban.core.importers.safety import Limits, check_office_zip

if TYPE_CHECKING:
    from PIL.Image import Image

THUMBNAIL_PX = 320  # the longer side of a thumbnail
MAX_PIXELS = 60_000_000  # a 60-megapixel photo is far beyond a phone's; decompression bombs are not
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPTED = "照片（JPEG、PNG、GIF、WebP、HEIC）、PDF、Word（.docx）或 Excel（.xlsx）"
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


@dataclass(frozen=True)
class EvidenceFile:
    """A file found acceptable: its bytes (a HEIC photo's as JPEG), what it is, and a name whose
    extension says so."""

    content: bytes
    kind: str  # image, pdf, docx, xlsx
    content_type: str
    name: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class EvidenceItem:
    """One attached file as the documents list it (附件：佐证材料目录): plain data for renderers."""

    task_seq: int
    unit: str
    name: str
    size: int


def evidence_line(item: EvidenceItem) -> str:
    """现场照片.jpg（1.2 MB）"""
    return f"{item.name}（{size_label(item.size)}）"


def size_label(size: int) -> str:
    """1.2 MB, 35 KB: a file's size as the lists print it."""
    if size >= 1024 * 1024:
        return f"{size / 1048576:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _refuse(name: str, why: str) -> InputError:
    return InputError(f"“{name}”{why}，未保存。")


def _renamed(name: str, extension: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem or '佐证材料'}.{extension}"


def identify(content: bytes, name: str, *, max_bytes: int) -> EvidenceFile:
    """The file as duban keeps it, or InputError (one sentence naming the file) when refused."""
    if not content:
        raise _refuse(name, "是空文件（0 字节）")
    if len(content) > max_bytes:
        raise _refuse(
            name, f"有 {size_label(len(content))}，超过本单位设定的上限 {size_label(max_bytes)}"
        )
    head = content[:16]
    if head.startswith(b"%PDF-"):
        return EvidenceFile(content, "pdf", "application/pdf", _renamed(name, "pdf"))
    if head.startswith(b"PK\x03\x04"):
        return _office(content, name, max_bytes)
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return _heic(content, name)
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) or (
        head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    ):
        return _image(content, name)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise _refuse(name, "是旧版 Word/Excel 文件（.doc/.xls），请另存为 .docx 或 .xlsx 后上传")
    raise _refuse(name, f"不是可接受的佐证材料（按文件内容识别，可上传{ACCEPTED}）")


def _image(content: bytes, name: str) -> EvidenceFile:
    image = _open_image(content, name)
    fmt = image.format or ""
    if fmt not in IMAGE_TYPES:
        raise _refuse(name, f"不是可接受的佐证材料（按文件内容识别，可上传{ACCEPTED}）")
    ext = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return EvidenceFile(
        content, "image", IMAGE_TYPES[fmt], _renamed(name, ext), image.width, image.height
    )


def _open_image(content: bytes, name: str) -> Image:
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(content))
        if image.width * image.height > MAX_PIXELS:
            raise _refuse(name, f"有 {image.width}×{image.height} 像素，超过照片的合理大小")
        image.verify()  # the structure, without decoding every pixel
        image = Image.open(io.BytesIO(content))
    except InputError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise _refuse(name, "看似图片但已损坏或无法识别") from None
    return image


def heic_supported() -> bool:
    try:
        import pillow_heif  # noqa: F401
    except ImportError:
        return False
    return True


def _heic(content: bytes, name: str) -> EvidenceFile:
    """A phone's HEIC photo as a JPEG, which every browser shows and Word takes."""
    if not heic_supported():
        raise _refuse(
            name, "是 HEIC 格式照片，本系统未安装转换组件，请在手机上改用 JPEG 格式后上传"
        )
    import pillow_heif
    from PIL import ImageOps

    pillow_heif.register_heif_opener()
    image = _open_image(content, name)
    try:
        image = ImageOps.exif_transpose(image).convert("RGB")
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=90)
    except (OSError, ValueError):
        raise _refuse(name, "是 HEIC 照片但已损坏，无法转换") from None
    return EvidenceFile(
        out.getvalue(), "image", "image/jpeg", _renamed(name, "jpg"), image.width, image.height
    )


def _office(content: bytes, name: str, max_bytes: int) -> EvidenceFile:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(name, "是损坏的压缩文件") from None
    if "word/document.xml" in names:
        kind, content_type, label = "docx", DOCX, "Word"
    elif "xl/workbook.xml" in names:
        kind, content_type, label = "xlsx", XLSX, "Excel"
    else:
        raise _refuse(name, f"是压缩包而不是 Word 或 Excel 文件（可上传{ACCEPTED}）")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise _refuse(name, f"是含宏的 {label} 文件（宏可执行代码），请另存为不含宏的文件后上传")
    with tempfile.TemporaryDirectory(prefix="duban-evidence-") as folder:
        path = Path(folder) / f"upload.{kind}"
        path.write_bytes(content)
        try:
            check_office_zip(path, kind.upper(), Limits(max_bytes=max_bytes))
        except InputError as exc:
            why = "解压后过大，疑似压缩炸弹" if "zip bomb" in exc.message else "结构异常或已损坏"
            raise _refuse(name, f"未通过安全检查（{why}）") from None
    return EvidenceFile(content, kind, content_type, _renamed(name, kind))


def thumbnail(content: bytes) -> bytes:
    """A JPEG of at most THUMBNAIL_PX on its longer side, turned as the camera held it."""
    from PIL import Image, ImageOps

    if heic_supported():
        import pillow_heif

        pillow_heif.register_heif_opener()
    opened = Image.open(io.BytesIO(content))
    opened.draft("RGB", (THUMBNAIL_PX * 2, THUMBNAIL_PX * 2))  # a JPEG decodes at 1/2…1/8 scale
    image = ImageOps.exif_transpose(opened)
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGBA")
        backdrop = Image.new("RGB", image.size, "white")
        backdrop.paste(image, mask=image.getchannel("A"))
        image = backdrop
    image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()
