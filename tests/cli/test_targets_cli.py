"""Targets can be named: `tracker targets` and `tracker show` print the ids `tracker checks record` takes."""

from __future__ import annotations

import csv
import io
import json

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
