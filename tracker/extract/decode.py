"""File bytes + file name -> plain text. Pure (no file system access): the caller reads the bytes.

Encodings: UTF-8 with or without BOM, UTF-16 with BOM, GB18030 (a superset of GBK and GB2312), and whatever
charset-normalizer detects otherwise. Formats by suffix: .txt/.md (text), .html/.htm, .pdf with a text layer,
.docx. Anything empty, binary or undecodable raises InvalidInput naming the file.
"""

from __future__ import annotations

import io
import re

from tracker.errors import InvalidInput

TEXT_SUFFIXES = (".txt", ".md", ".text", "")
# A .docx is a zip archive: a few megabytes can inflate to gigabytes (a "zip bomb") and python-docx would parse
# it all in memory. Checked on the archive's directory before anything is inflated.
MAX_ARCHIVE_ENTRIES = 5_000
MAX_INFLATED_BYTES = 200 * 2**20
MAX_ENTRY_RATIO = 200  # inflated / compressed, for entries over 1 MB inflated (text XML is ~5-20)
HTML_SUFFIXES = (".html", ".htm")
# Formats people do have policies in, named so the refusal says what the file is rather than "binary file".
UNSUPPORTED_SUFFIXES = {
    ".doc": "old Word", ".wps": "WPS", ".rtf": "Rich Text", ".odt": "OpenDocument text", ".ofd": "OFD",
    ".xls": "Excel", ".xlsx": "Excel", ".et": "WPS spreadsheet", ".ppt": "PowerPoint", ".pptx": "PowerPoint",
    ".zip": "zip archive", ".rar": "RAR archive", ".7z": "7-Zip archive",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".tif": "image", ".tiff": "image",
}


def suffix_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return ("." + base.rsplit(".", 1)[-1].lower()) if "." in base else ""


def decode_document(data: bytes, name: str) -> str:
    """The text of a document, CRLF normalised to LF; InvalidInput (naming `name`) when there is none."""
    if not data:
        raise InvalidInput(f"{name}: empty file")
    suffix = suffix_of(name)
    if suffix in UNSUPPORTED_SUFFIXES:
        raise InvalidInput(
            f"{name}: {suffix} files ({UNSUPPORTED_SUFFIXES[suffix]}) are not supported; save it as .docx, .pdf "
            "or .txt (supported: .txt .md .html .pdf .docx)"
        )
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        text = _pdf_text(data, name)
    elif suffix == ".docx" or (data[:2] == b"PK" and suffix not in HTML_SUFFIXES):
        text = _docx_text(data, name)
    elif suffix in HTML_SUFFIXES:
        text = _html_text(decode_bytes(data, name), name)
    else:
        text = decode_bytes(data, name)
    # NUL (a stray byte deep in a text file, or from a PDF's text layer) cannot be stored in PostgreSQL text.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise InvalidInput(f"{name}: no text in the document")
    return text


def decode_bytes(data: bytes, name: str) -> str:
    """Bytes of a text file to str: BOMs first, then strict UTF-8, then GB18030, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name)
    if _looks_binary(data):
        raise InvalidInput(f"{name}: binary file, not a text document (supported: .txt .md .html .pdf .docx)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # A file cut inside its last character: keep the text, mark the cut as the PDF tools do.
            return data[: exc.start].decode("utf-8") + "\ufffd"
    try:
        text = data.decode("gb18030")
        if _mostly_cjk_or_ascii(text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InvalidInput(f"{name}: cannot tell the text encoding (tried UTF-8, UTF-16, GB18030)")
    return str(best)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{name}: not valid {encoding.upper()} at byte {exc.start}") from None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a text file (UTF-16 without BOM is not supported)."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(head) * 0.05


_CJK_OR_PRINTABLE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\x20-\x7e\s\u2000-\u206f]")


def _mostly_cjk_or_ascii(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only when the result reads as Chinese text."""
    if not text:
        return False
    good = len(_CJK_OR_PRINTABLE.findall(text))
    return good >= len(text) * 0.9


def _html_text(html: str, name: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "nav", "noscript", "template", "head"]):
        tag.decompose()
    # Block elements become lines so numbered measures stay on their own lines.
    text = soup.get_text("\n")
    lines = [ln.strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _pdf_text(data: bytes, name: str) -> str:
    import logging
    import warnings

    from pypdf import PdfReader

    # pypdf logs and warns about every oddity of a damaged file; the user gets our one line instead.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types for damaged files
        raise InvalidInput(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    finally:
        pypdf_log.setLevel(level)
    text = "\n".join(pages)
    if not text.strip():
        raise InvalidInput(f"{name}: PDF has no text layer (scanned image?); run OCR first")
    return text


def check_archive(data: bytes, name: str) -> None:
    """InvalidInput unless the zip archive's entry count, total inflated size and compression ratios are sane.

    The sizes are the ones the archive declares; zipfile never inflates an entry past its declared size, so
    an archive that lies gets a CRC error, not a bigger output.
    """
    import zipfile

    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InvalidInput(f"{name}: not a readable .docx file ({type(exc).__name__})") from None
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        raise InvalidInput(f"{name}: archive has {len(entries)} entries, over the limit of {MAX_ARCHIVE_ENTRIES}")
    inflated = sum(e.file_size for e in entries)
    if inflated > MAX_INFLATED_BYTES:
        raise InvalidInput(
            f"{name}: archive inflates to {inflated / 2**20:.0f} MB, over the limit of {MAX_INFLATED_BYTES / 2**20:.0f} MB"
        )
    for entry in entries:
        if entry.file_size > 2**20 and entry.file_size > MAX_ENTRY_RATIO * max(entry.compress_size, 1):
            raise InvalidInput(
                f"{name}: archive entry {entry.filename!r} inflates {entry.file_size // max(entry.compress_size, 1)}"
                " times (a zip bomb?); refused"
            )


def _docx_text(data: bytes, name: str) -> str:
    import zipfile

    from docx import Document

    check_archive(data, name)
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InvalidInput(f"{name}: not a readable .docx file ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - python-docx raises its own types for broken packages
        raise InvalidInput(f"{name}: not a readable .docx file ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell.text not in cells:  # merged cells repeat their text
                    cells.append(cell.text)
            lines.append("  ".join(cells))
    return "\n".join(lines)
