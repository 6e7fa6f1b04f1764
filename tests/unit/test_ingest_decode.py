"""Decoding real files: encodings and formats to text; empty, binary and text-less files refused by name."""

from __future__ import annotations

import pytest

from tests.ingest_docs import TRANSLATION, notice, write_docx, write_pdf
from tracker.errors import InvalidInput
from tracker.extract.decode import decode_document

TEXT = notice()


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "crlf"],
)
def test_text_in_each_supported_encoding_decodes_to_the_same_text(encoded):
    assert decode_document(encoded, "notice.txt") == TEXT


def test_html_keeps_the_body_text_and_drops_scripts_styles_and_navigation():
    html = (
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
        "<nav>首页 | 政策 | 搜索</nav><script>var x='有效期至2099年1月1日';</script>"
        + "".join(f"<p>{line}</p>" for line in TEXT.splitlines())
        + "</body></html>"
    )
    text = decode_document(html.encode("gb18030"), "page.htm")
    assert "沪府规〔2024〕9号" in text and "有效期至2026年2月28日" in text
    assert "2099" not in text and "首页" not in text and "color" not in text


def test_docx_paragraphs_and_tables_are_read(tmp_path):
    path = write_docx(tmp_path / "notice.docx", TEXT)
    text = decode_document(path.read_bytes(), "notice.docx")
    assert "一、加强总部支持" in text
    assert "有效期至2026年2月28日" in text  # from the table cell


def test_pdf_text_layer_is_read(tmp_path):
    path = write_pdf(tmp_path / "t.pdf", TRANSLATION.strip().splitlines())
    text = decode_document(path.read_bytes(), "t.pdf")
    assert "remain effective until February 28, 2026" in text


def test_pdf_without_text_layer_is_refused_with_the_file_name(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", None)
    with pytest.raises(InvalidInput, match=r"scan\.pdf: PDF has no text layer"):
        decode_document(path.read_bytes(), "scan.pdf")


@pytest.mark.parametrize(
    ("data", "name", "what"),
    [
        (b"", "empty.txt", "empty file"),
        (b"   \n\r\n  ", "blank.txt", "no text"),
        (bytes(range(256)) * 8, "blob.txt", "binary file"),
        (b"PK\x03\x04 not really a zip", "broken.docx", "not a readable .docx"),
        (b"%PDF-1.4 garbage", "broken.pdf", "PDF"),
    ],
)
def test_unusable_files_are_refused_naming_the_file(data, name, what):
    with pytest.raises(InvalidInput) as info:
        decode_document(data, name)
    assert str(info.value).startswith(f"{name}: ") and what in str(info.value)


def test_utf8_cut_inside_its_last_character_keeps_the_text_and_marks_the_cut():
    data = TEXT.encode("utf-8")[:-2]  # the final "\n" and half of "。" gone
    text = decode_document(data, "cut.txt")
    assert text.endswith("有效期至2026年2月28日\ufffd")


def test_a_stray_nul_deep_in_a_text_file_is_dropped():
    # Past the first 8 KiB the binary sniff does not look; PostgreSQL text cannot store NUL.
    text = "关于推进工作的通知\n" + "一、总体要求。\n" * 2000 + "二、保障\x00措施。\n"
    decoded = decode_document(text.encode("utf-8"), "notice.txt")
    assert "\x00" not in decoded and "二、保障措施。" in decoded
