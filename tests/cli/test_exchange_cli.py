"""`tracker export` / `tracker import`: identical round trips across backends, and all-or-nothing validation."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import PG_ADMIN_URL, REQUIRE_PG


@pytest.fixture
def other_db_url(db_url, tmp_path, request):
    """A second clean database on the other backend when PostgreSQL is available (else another SQLite file)."""
    if db_url.startswith("sqlite") and (PG_ADMIN_URL or REQUIRE_PG):
        from tests.conftest import _truncate_all

        url = request.getfixturevalue("_pg_migrated")
        _truncate_all(url)
        return url
    path = tmp_path / "other.db"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
    return f"sqlite:///{path}"


def test_seeded_database_round_trips_to_another_backend_with_identical_export(run_cli, other_db_url, tmp_path):
    assert run_cli("seed").exit_code == 0
    run_cli("set", "沪府办规〔2023〕27号", "--effective-to", "2029-06-30", "--reason", "hand check")
    second_target = json.loads(run_cli("targets", "沪府办规〔2023〕27号", "--format", "json").output)[1]
    assert run_cli("set-target", "沪府办规〔2023〕27号", "--target", str(second_target["id"]), "--due-on", "2026-03-31",
                   "--reason", "hand check").exit_code == 0
    assert run_cli("set", "沪府办规〔2023〕27号", "--measure", "（五）", "--translation", "none",
                   "--reason", "hand check").exit_code == 0
    first = tmp_path / "first.json"
    assert run_cli("export", "--as-of", "2025-01-01", "--output", str(first)).exit_code == 0
    result = run_cli("import", str(first), "--db", other_db_url)
    assert result.exit_code == 0, result.output
    second = tmp_path / "second.json"
    assert run_cli("export", "--as-of", "2025-01-01", "--output", str(second), "--db", other_db_url).exit_code == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert len(exported["policies"]) >= 14
    # The English side travels too: translated measures, pairings (a hand one included), English targets, names.
    (bilingual,) = [p for p in exported["policies"] if p["ref"] == "沪府办规〔2023〕27号"]
    assert len(bilingual["translation"]) == 20 and bilingual["measures"][0]["text_en"].startswith("1. ")
    assert bilingual["measures"][4]["translation"] == {"ordinal": None, "alignment": "manual"}
    assert any("50,000" in (t.get("text_en") or "") for t in bilingual["targets"])
    result = run_cli("upcoming", "--as-of", "2024-01-01", "--within", "1y", "--agency", "Municipal Commission of Transport",
                     "--lang", "en", "--db", other_db_url)
    assert result.exit_code == 0 and "Several Policy Measures" in result.stdout, result.output
    # Aliases travel with the export: the short form still finds the agency in the imported database.
    result = run_cli("upcoming", "--as-of", "2024-01-01", "--within", "1y", "--agency", "市经济信息化委",
                     "--format", "json", "--db", other_db_url)
    assert result.exit_code == 0, result.output
    assert "沪府办规〔2023〕27号" in result.stdout


def _valid_document() -> dict:
    return {"format": "tracker/1", "policies": [
        {"ref": "a", "title": "甲办法", "effective_from": "2024-01-01", "effective_to": "2025-12-31",
         "measures": [{"number": "一、", "ordinal": 1, "agencies": [{"name": "市财政局", "role": "lead"}]}],
         "targets": [{"measure": "一、", "text": "到2025年建成10个", "due_on": "2025-12-31", "quantity": 10,
                      "comparator": "at_least", "checks": [{"checked_on": "2024-06-30", "status": "on_track"}]}]},
        {"ref": "b", "title": "乙办法", "effective_from": "2024-01-01"},
    ]}


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: "{not json", "not JSON"),
        (lambda d: {**d, "format": "other/9"}, "format: expected 'tracker/1'"),
        (lambda d: d["policies"][1].pop("title") and d, "policies[1].title: required field is missing"),
        (lambda d: d["policies"][0].update(effective_to="2023-12-31") or d, "policies[0].effective_to: 2023-12-31 is before"),
        (lambda d: d["policies"][0].update(effective_from="2025-13-01") or d, "policies[0].effective_from: '2025-13-01' is not a valid date"),
        (lambda d: d["policies"][0]["targets"][0].update(comparator="more") or d, "policies[0].targets[0].comparator"),
        (lambda d: d["policies"][0]["targets"][0]["checks"][0].update(status="fine") or d, "checks[0].status"),
        (lambda d: d["policies"][0]["measures"][0]["agencies"][0].update(role="boss") or d, "agencies[0].role"),
        (lambda d: d["policies"][0]["targets"][0].update(measure="九、") or d, "policies[0].targets[0].measure"),
        (lambda d: {**d, "agencies": [{"name": "市财政局", "aliases": "财政"}]}, "agencies[0].aliases"),
        (lambda d: d["policies"][0]["measures"][0].update(translation={"ordinal": 3, "alignment": "manual"}) or d,
         "policies[0].measures[0].translation.ordinal: 3 is not the ordinal of a measure in this policy's translation"),
        (lambda d: d["policies"][0]["measures"][0].update(translation={"ordinal": None, "alignment": "guess"}) or d,
         "policies[0].measures[0].translation.alignment: 'guess' is not one of"),
        (lambda d: d["policies"][0].update(title="甲\u0000办法") or d, "policies[0].title: contains a NUL character"),
        (lambda d: d["policies"][0]["measures"].append({"number": "二、", "ordinal": 1}) or d,
         "policies[0].measures[1].ordinal: 1 is also the ordinal of measures[0]"),
        # Valid on its own, but the seeded database disagrees: 27号 with that title is another stored policy.
        # (Another title could share the number: the policies of one notice do.)
        (lambda d: d["policies"][1].update(ref="沪府办发〔2020〕1号", doc_number="沪府办规〔2023〕27号",
                                           title="上海市促进在线新经济健康发展的若干政策措施") or d,
         "policies[1]: policy 沪府办发〔2020〕1号 would get document number 沪府办规〔2023〕27号, "
         "which is policy 沪府办规〔2023〕27号's"),
    ],
)
def test_a_bad_import_file_is_refused_naming_the_path_and_stores_nothing(run_cli, tmp_path, mutate, message):
    assert run_cli("seed").exit_code == 0
    before = run_cli("export", "--as-of", "2025-01-01").stdout
    data = mutate(_valid_document())
    path = tmp_path / "in.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.exit_code == 4
    assert message in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.output
    assert run_cli("export", "--as-of", "2025-01-01").stdout == before


def test_a_valid_import_stores_every_policy(run_cli, tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(_valid_document(), ensure_ascii=False), encoding="utf-8")
    assert run_cli("import", str(path)).exit_code == 0
    doc = json.loads(run_cli("export", "--as-of", "2025-01-01").stdout)
    assert [p["ref"] for p in doc["policies"]] == ["a", "b"]
    assert doc["policies"][0]["targets"][0]["checks"][0]["status"] == "on_track"
    assert doc["policies"][0]["status"] == "in_force"


def test_agencies_after_the_policies_as_older_exports_wrote_them_still_fold_the_aliases(run_cli, tmp_path):
    doc = {"format": "tracker/1",
           "policies": [{"ref": "a", "title": "甲办法", "measures": [
               {"number": "一、", "ordinal": 1, "agencies": [{"name": "市财政局", "role": "lead"}]}]}],
           "agencies": [{"name": "上海市财政局", "aliases": ["市财政局"]}]}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run_cli("import", str(path)).exit_code == 0
    listed = json.loads(run_cli("agencies", "--format", "json").stdout)
    assert [(a["name"], a["measures"]) for a in listed] == [("上海市财政局", 1)]
    exported = json.loads(run_cli("export", "--as-of", "2025-01-01").stdout)
    assert list(exported) == ["format", "agencies", "policies"]  # agencies first: a streamed import knows them


def test_a_file_broken_after_its_first_policies_stores_none_of_them(run_cli, tmp_path):
    text = json.dumps(_valid_document(), ensure_ascii=False)
    path = tmp_path / "cut.json"
    path.write_text(text[: text.index('{"ref": "b"')] + '{"ref": "b", "title": }]}', encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.exit_code == 4 and "not JSON" in result.stderr and str(path) in result.stderr
    assert json.loads(run_cli("export", "--as-of", "2025-01-01").stdout)["policies"] == []
