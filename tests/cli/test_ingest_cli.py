"""`tracker ingest`, `tracker seed`, `tracker set`, `tracker set-target`, `tracker agency alias` end to end."""

from __future__ import annotations

import json

from tests.ingest_docs import BAD_DATE, TRANSLATION, notice, write, write_docx, write_pdf


def _export(run_cli) -> dict:
    result = run_cli("export", "--as-of", "2025-01-01")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _by_title(doc: dict, title: str) -> dict:
    (policy,) = [p for p in doc["policies"] if p["title"] == title]
    return policy


def test_seed_holds_the_policies_issue_three_lists_and_a_second_seed_changes_nothing(run_cli):
    assert run_cli("seed").exit_code == 0
    doc = _export(run_cli)
    online = [p for p in doc["policies"] if p["doc_number"] == "沪府办规〔2023〕27号"]
    assert len(online) == 1
    p = online[0]
    assert (p["title"], p["issued_on"], p["effective_from"], p["effective_to"]) == (
        "上海市促进在线新经济健康发展的若干政策措施", "2023-12-29", "2024-01-01", "2028-12-31")
    assert len(p["sources"]) == 3 and p["title_en"]
    assert len(p["measures"]) == 20 and all(m["agencies"] for m in p["measures"])
    targets = {(t["measure"], t["quantity"], t["due_on"]) for t in p["targets"]}
    assert targets == {("（四）", 50000, "2025-12-31"), ("（九）", 30, "2025-12-31")}
    assert len([p for p in doc["policies"] if p["doc_number"] == "沪府办发〔2020〕1号"]) == 1
    hukou = _by_title(doc, "上海市引进人才申办本市常住户口办法")
    assert (hukou["effective_from"], hukou["effective_to"]) == ("2020-12-01", "2025-11-30")
    talent = [p for p in doc["policies"] if p["title"].endswith("国内人才引进政策的实施办法")][0]
    assert (talent["effective_from"], talent["effective_to"], talent["window_source"]) == (
        "2015-11-01", "2022-10-31", "extended")
    assert [(h["old"], h["new"], h["source"]) for h in talent["history"]] == [
        ("2017-10-31", "2022-10-31", "沪人社法〔2017〕409号")]
    returnees = _by_title(doc, "留学回国人员申办上海常住户口实施细则")
    assert returnees["supersedes"][0]["doc_number"] == "沪人社外发〔2015〕49号"
    assert run_cli("seed").exit_code == 0
    assert _export(run_cli) == doc


def test_ingest_reads_html_docx_pdf_gb18030_and_utf16_files(run_cli, tmp_path):
    html = "<html><body><nav>导航</nav>" + "".join(f"<p>{ln}</p>" for ln in notice().splitlines()) + "</body></html>"
    files = [
        write(tmp_path, "a.html", html),
        write_docx(tmp_path / "b.docx", notice(number="沪府规〔2024〕11号").replace("测试促进", "文档测试")),
        write(tmp_path, "c.txt", notice(number="沪府规〔2024〕12号").replace("测试促进", "国标测试"), "gb18030"),
        write(tmp_path, "d.txt", notice(number="沪府规〔2024〕13号").replace("测试促进", "双字节测试"), "utf-16"),
        write_pdf(tmp_path / "e.pdf", TRANSLATION.strip().splitlines()),
    ]
    result = run_cli("ingest", *map(str, files))
    assert result.exit_code == 0, result.output
    doc = _export(run_cli)
    assert {p["doc_number"] for p in doc["policies"]} == {
        "沪府规〔2024〕9号", "沪府规〔2024〕11号", "沪府规〔2024〕12号", "沪府规〔2024〕13号"}
    # The English PDF is the translation of the first notice (same window, same number of measures).
    assert _by_title(doc, "上海市测试促进办法")["title_en"] == "Measures of Shanghai for Testing Promotion"


def test_bad_files_fail_one_by_one_the_good_file_is_stored_and_the_exit_is_non_zero(run_cli, tmp_path):
    good = write(tmp_path, "good.txt", notice())
    bad = [
        write(tmp_path, "empty.txt", ""),
        tmp_path / "binary.txt",
        write_pdf(tmp_path / "scan.pdf", None),
        write(tmp_path, "baddate.txt", BAD_DATE),
        write(tmp_path, "nopolicy.txt", "just some words, nothing else"),
    ]
    bad[1].write_bytes(bytes(range(256)) * 4)
    result = run_cli("ingest", str(good), *map(str, bad))
    assert result.exit_code == 4
    assert "Traceback" not in result.output
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert len(errors) == len(bad)
    for path, line in zip(bad, errors):
        assert str(path) in line
    assert "2025年13月1日" in errors[3] and "no text layer" in errors[2]
    doc = _export(run_cli)
    assert [p["doc_number"] for p in doc["policies"]] == ["沪府规〔2024〕9号"]


def test_dry_run_json_prints_the_export_shape_and_writes_nothing(run_cli, tmp_path):
    result = run_cli("ingest", "--dry-run", "--format", "json", str(write(tmp_path, "n.txt", notice())))
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["format"] == "tracker/1"
    (policy,) = shown["policies"]
    assert (policy["doc_number"], policy["effective_to"], len(policy["measures"])) == ("沪府规〔2024〕9号", "2026-02-28", 2)
    assert _export(run_cli)["policies"] == []


def test_set_pins_a_corrected_end_date_that_survives_re_ingest(run_cli, tmp_path):
    run_cli("ingest", str(write(tmp_path, "v1.txt", notice())))
    result = run_cli("set", "沪府规〔2024〕9号", "--effective-to", "2030-06-30", "--reason", "extended by letter")
    assert result.exit_code == 0, result.output
    run_cli("ingest", str(write(tmp_path, "v2.txt", notice(end="2027年2月28日"))))
    (policy,) = _export(run_cli)["policies"]
    assert (policy["effective_to"], policy["window_source"]) == ("2030-06-30", "manual")
    assert [(h["field"], h["new"], h["reason"]) for h in policy["history"]] == [
        ("effective_to", "2030-06-30", "extended by letter")]


def test_set_target_moves_a_due_date_with_history(run_cli, tmp_path):
    run_cli("ingest", str(write(tmp_path, "v1.txt", notice())))
    (listed,) = json.loads(run_cli("targets", "沪府规〔2024〕9号", "--format", "json").output)
    result = run_cli("set-target", "沪府规〔2024〕9号", "--target", str(listed["id"]), "--due-on", "2026-06-30",
                     "--reason", "deferred")
    assert result.exit_code == 0, result.output
    (policy,) = _export(run_cli)["policies"]
    assert policy["targets"][0]["due_on"] == "2026-06-30"
    assert [(h["field"], h["old"], h["new"]) for h in policy["history"]] == [("target.due_on", "2025-12-31", "2026-06-30")]


def test_set_refuses_bad_input_with_one_line(run_cli, tmp_path):
    run_cli("ingest", str(write(tmp_path, "v1.txt", notice())))
    before = _export(run_cli)
    cases = [
        (("set", "no-such-ref", "--effective-to", "2030-01-01"), "no policy with reference"),
        (("set", "沪府规〔2024〕9号", "--effective-to", "2025-13-01"), "--effective-to"),
        (("set", "沪府规〔2024〕9号", "--effective-to", "2020-01-01"), "before effective_from"),
        (("set-target", "沪府规〔2024〕9号", "--target", "7", "--due-on", "2026-01-01"), "has no target #7"),
        (("set-target", "沪府规〔2024〕9号", "--target", "1", "--quantity", "5-3"), "from low to high"),
        (("set-target", "沪府规〔2024〕9号", "--target", "1", "--quantity", "3-x"), "not a number or a range"),
    ]
    cases = [(args + ("--reason", "checked by hand"), message) for args, message in cases]
    cases += [(("set", "沪府规〔2024〕9号", "--effective-to", "2030-01-01"), "--reason is required"),
              (("set-target", "沪府规〔2024〕9号", "--target", "1", "--due-on", "2026-01-01"), "--reason is required")]
    for args, message in cases:
        result = run_cli(*args)
        assert result.exit_code != 0 and message in result.stderr and "Traceback" not in result.output
    assert _export(run_cli) == before


def test_agency_alias_makes_the_short_name_find_the_canonical_agency(run_cli, tmp_path):
    run_cli("ingest", str(write(tmp_path, "v1.txt", notice())))
    result = run_cli("agency", "alias", "上海市经济和信息化委员会", "市经济信息化委")
    assert result.exit_code == 0, result.output
    (policy,) = _export(run_cli)["policies"]
    assert policy["measures"][0]["agencies"][0]["name"] == "上海市经济和信息化委员会"


def test_agencies_lists_names_aliases_and_flags_the_ones_nobody_curated(run_cli, tmp_path):
    assert run_cli("ingest", str(write(tmp_path, "v1.txt", notice()))).exit_code == 0
    listed = json.loads(run_cli("agencies", "--format", "json").stdout)
    assert listed and all(row["flag"] == "new?" for row in listed)  # fresh from ingest: nobody curated them
    name = listed[0]["name"]
    assert run_cli("agency", "alias", name, "某某委").exit_code == 0
    after = {row["name"]: row for row in json.loads(run_cli("agencies", "--format", "json").stdout)}
    assert after[name]["aliases"] == ["某某委"] and after[name]["flag"] == ""
    unmatched = run_cli("agencies", "--unmatched").stdout
    assert name not in unmatched and all(n in unmatched for n in after if n != name)
