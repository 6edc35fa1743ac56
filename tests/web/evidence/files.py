"""Files a reporter might attach, made in memory: genuine ones and hostile ones."""

from __future__ import annotations

import io
import zipfile


def jpeg(width: int = 1200, height: int = 900, *, noise: bool = False) -> bytes:
    from PIL import Image

    if noise:  # a phone photo's worth of detail, so the file is as large as a real one
        import os

        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), (40, 120, 200))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95)
    return out.getvalue()


def png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (64, 48), (200, 30, 30, 128)).save(out, format="PNG")
    return out.getvalue()


def heic() -> bytes:
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 160, 60)).save(out, format="HEIF")
    return out.getvalue()


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("项目现场验收意见：工程已完工。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["月份", "完成投资（万元）"])
    book.active.append(["9月", 2360])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def executable() -> bytes:
    """A Windows program (its MZ header and PE stub), as someone might rename it photo.jpg."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
        + b"\x00" * 48
        + (b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200)
    )


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>fetch('/api/v1/reports').then(r=>r.text()).then(alert)</script></svg>"
    )


def docx_bomb() -> bytes:
    """A .docx whose one extra part unpacks from ~100 KB to 100 MB of zeros."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx())) as genuine,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in genuine.infolist():
            bomb.writestr(info, genuine.read(info))
        bomb.writestr("word/media/padding.bin", b"\x00" * (100 * 1024 * 1024))
    return out.getvalue()
