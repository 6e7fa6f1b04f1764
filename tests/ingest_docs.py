"""Small policy documents and real files (.docx, .pdf, .html, GB18030, UTF-16) for ingest tests."""

from __future__ import annotations

from pathlib import Path

NOTICE = """关于印发《上海市测试促进办法》的通知
{number}
一、加强总部支持（责任单位：市经济信息化委、市商务委）
到2025年，建设10个示范项目。
二、完善配套（责任单位：市发展改革委）
本办法自2024年3月1日起施行，有效期至{end}。
"""

NEWS_COPY = """上海市测试促进办法
来源：新闻网
一、加强总部支持（责任单位：市经济信息化委、市商务委）
到2025年，建设10个示范项目。
二、完善配套（责任单位：市发展改革委）
本办法自2024年3月1日起施行，有效期至2026年2月28日。
"""

TRANSLATION = """Measures of Shanghai for Testing Promotion
1. Strengthen headquarters support (Units responsible for implementation: the Municipal Commission of Economy and Informatization)
By 2025, build 10 demonstration projects.
2. Improve supporting facilities (Units responsible for implementation: the Municipal Development and Reform Commission)
These measures shall be effective as of March 1, 2024 and remain effective until February 28, 2026.
"""

BAD_DATE = """上海市错误日期管理办法
一、总则（责任单位：市财政局）
本办法自2025年13月1日起施行，有效期至2027年12月31日。
"""


def notice(number: str = "沪府规〔2024〕9号", end: str = "2026年2月28日") -> str:
    return NOTICE.format(number=number, end=end)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def write_docx(path: Path, text: str) -> Path:
    from docx import Document

    document = Document()
    lines = text.strip().splitlines()
    for line in lines[:-1]:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=1)  # the closing sentence sits in a table cell
    table.rows[0].cells[0].text = lines[-1]
    document.save(str(path))
    return path


def write_pdf(path: Path, lines: list[str] | None) -> Path:
    """A one-page PDF with a text layer of `lines` (ASCII), or none at all when `lines` is None."""
    if lines:
        ops = ["BT", "/F1 10 Tf", "14 TL", "40 800 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
    else:
        stream = b"0 0 m 100 100 l S"  # a line drawing: no text at all
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
