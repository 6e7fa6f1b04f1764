"""Targets can be named: `tracker targets` and `tracker show` print the ids `tracker checks record` takes."""

from __future__ import annotations

import csv
import io
import json

from tests.cli.test_exchange_cli import other_db_url  # noqa: F401 - the fixture: a clean database on the other backend
from tests.ingest_docs import notice, write


def test_the_id_a_listing_prints_is_the_one_checks_record_takes(run_cli, tmp_path):
    assert run_cli("ingest", str(write(tmp_path, "n.txt", notice()))).exit_code == 0
    listed = list(csv.DictReader(io.StringIO(run_cli("targets", "--format", "csv", "--as-of", "2025-01-01").stdout)))
    assert listed and all(row["id"] and row["status"] == "open" for row in listed)
    target_id = listed[0]["id"]
    shown = json.loads(run_cli("show", "沪府规〔2024〕9号", "--format", "json").stdout)
    assert [str(t["id"]) for t in shown["targets"]] == [row["id"] for row in listed]
    assert f"#{target_id} " in run_cli("show", "沪府规〔2024〕9号").stdout
    assert run_cli("checks", "record", target_id, "--status", "met", "--on", "2025-02-01").exit_code == 0
    after = list(csv.DictReader(io.StringIO(run_cli("targets", "--format", "csv").stdout)))
    assert {row["id"]: row["status"] for row in after}[target_id] == "met"
    assert run_cli("targets", "--open").stdout.strip() == "no targets" or target_id not in [
        r.split()[0] for r in run_cli("targets", "--open").stdout.splitlines()[1:]]


def test_targets_of_an_unknown_policy_or_agency_are_refused(run_cli):
    assert run_cli("targets", "no-such-policy").exit_code == 3
    assert run_cli("targets", "--agency", "nobody").exit_code == 3


RANGE_NOTICE = """上海市人民政府办公厅关于推进特色产业园区建设的实施意见
沪府办规〔2024〕31号
一、建设特色园区。到2025年，建设3-4个市级特色产业园区。（责任单位：市经济信息化委）
二、培育龙头企业。到2026年，培育10至15家细分领域龙头企业。（责任单位：市商务委）
本意见自2024年7月1日起施行，有效期至2029年6月30日。
"""


def test_a_range_is_kept_low_to_high_from_ingest_to_listing_export_and_import(run_cli, tmp_path, other_db_url):
    assert run_cli("ingest", str(write(tmp_path, "range.txt", RANGE_NOTICE))).exit_code == 0
    listed = json.loads(run_cli("targets", "沪府办规〔2024〕31号", "--format", "json").stdout)
    assert sorted(t["quantity"] for t in listed) == ["10-15 家", "3-4 个"]
    assert "3-4 个" in run_cli("show", "沪府办规〔2024〕31号").stdout
    exported = tmp_path / "out.json"
    assert run_cli("export", "--output", str(exported)).exit_code == 0
    (policy,) = json.loads(exported.read_text(encoding="utf-8"))["policies"]
    assert sorted((t["comparator"], t["quantity"], t["quantity_high"]) for t in policy["targets"]) == [
        ("between", 3, 4), ("between", 10, 15)]
    assert run_cli("import", str(exported), "--db", other_db_url).exit_code == 0
    again = tmp_path / "again.json"
    assert run_cli("export", "--output", str(again), "--db", other_db_url).exit_code == 0
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_a_hand_set_range_and_a_bad_range_in_an_import(run_cli, tmp_path):
    assert run_cli("ingest", str(write(tmp_path, "n.txt", notice()))).exit_code == 0
    (target,) = json.loads(run_cli("targets", "--format", "json").stdout)[:1]
    result = run_cli("set-target", "沪府规〔2024〕9号", "--target", str(target["id"]), "--quantity", "3-4",
                     "--reason", "the plan says 3-4")
    assert result.exit_code == 0, result.output
    exported = tmp_path / "out.json"
    assert run_cli("export", "--output", str(exported)).exit_code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    (changed,) = [t for t in data["policies"][0]["targets"] if t.get("quantity_high") is not None]
    assert (changed["comparator"], changed["quantity"], changed["quantity_high"]) == ("between", 3, 4)
    changed["quantity_high"] = 2  # below the low end
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("import", str(bad))
    assert result.exit_code == 4 and "quantity_high" in result.output
