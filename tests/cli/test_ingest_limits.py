"""Hostile and oversize files: refused quickly with one line, exit 4 and the database as it was."""

from __future__ import annotations

import json
import zipfile

from tests.ingest_docs import notice, write, write_docx


def _export(run_cli) -> dict:
    result = run_cli("export", "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _refused(run_cli, path, message: str):
    before = _export(run_cli)
    result = run_cli("ingest", str(path))
    assert result.exit_code == 4, result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(errors) == 1 and errors[0].startswith("error: ") and path.name in errors[0], result.stderr
    assert message in errors[0], errors[0]
    assert "Traceback" not in result.output
    assert _export(run_cli) == before
    return errors[0]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(run_cli, tmp_path, monkeypatch):
    run_cli("ingest", str(write(tmp_path, "ok.txt", notice())))
    big = write(tmp_path, "big.txt", notice(number="沪府规〔2024〕10号") + "\n" + "说明文字。" * 300_000)
    monkeypatch.setenv("TRACKER_INGEST_MAX_MB", "1")
    _refused(run_cli, big, "over the 1 MB limit")
    monkeypatch.setenv("TRACKER_INGEST_MAX_MB", "20")
    assert run_cli("ingest", str(big)).exit_code == 0  # the same file under a larger limit is accepted


def test_a_docx_that_inflates_hugely_is_refused_without_being_inflated(run_cli, tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (64 * 2**20))  # 64 MB of spaces: a few dozen KB zipped
    assert bomb.stat().st_size < 2**20
    _refused(run_cli, bomb, "zip bomb")


def test_a_docx_with_too_many_entries_is_refused(run_cli, tmp_path):
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(5_001):
            archive.writestr(f"word/media/{n}.xml", "<x/>")
    _refused(run_cli, many, "entries")


def test_a_docx_with_only_a_title_is_refused_not_stored_empty(run_cli, tmp_path):
    path = write_docx(tmp_path / "title-only.docx", "上海市关于进一步优化营商环境的若干措施")
    _refused(run_cli, path, "only a title")


def test_a_damaged_pdf_gives_our_one_line_and_none_of_the_pdf_library_s_own(run_cli, tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\nxref\n0 9\nstartxref\n999999\n%%EOF")
    _refused(run_cli, path, "PDF")


def test_an_unsupported_format_is_named_as_such(run_cli, tmp_path):
    rtf = tmp_path / "notice.rtf"
    rtf.write_text(r"{\rtf1\ansi 上海市测试政策}", encoding="utf-8")
    assert "Rich Text" in _refused(run_cli, rtf, "are not supported")
    xlsx = tmp_path / "targets.xlsx"
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in _refused(run_cli, xlsx, "are not supported")
