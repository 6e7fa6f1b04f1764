"""Every reader in their own language, through the CLI on the shipped seed: 沪府办规〔2023〕27号 and its translation."""

from __future__ import annotations

import json
import re

import pytest

from tracker.resources import seed_dir

REF = "沪府办规〔2023〕27号"
TITLE_EN = "Several Policy Measures of Shanghai Municipality for Promoting Sound Development of Online New Economy"
UNTRANSLATED = "Chinese original; no English translation on file"
HAN = re.compile(r"[\u3400-\u9fff]")
ORIGINAL = "001_42b72c71f4feafd6.txt"
TRANSLATION = "002_62c6577af3e42382.txt"


@pytest.fixture
def seeded(run_cli):
    result = run_cli("seed")
    assert result.exit_code == 0, result.output
    return run_cli


def _show(run_cli, ref=REF) -> dict:
    result = run_cli("show", ref, "--format", "json", "--as-of", "2025-06-01")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_after_seed_every_measure_of_the_policy_has_english_and_the_housing_target_reads_in_english(seeded):
    doc = _show(seeded)
    assert doc["title_en"] == TITLE_EN
    assert len(doc["measures"]) == 20
    assert all(m["text_en"] and m["title_en"] for m in doc["measures"])
    assert [m["translation"]["number"] for m in doc["measures"]] == [f"{k}." for k in range(1, 21)]
    assert all(a["name_en"] for m in doc["measures"] for a in m["agencies"])
    housing = next(t for t in doc["targets"] if t["measure"] == "（四）")
    assert "50,000" in housing["text_en"] and "units" in housing["text_en"]
    text = seeded("show", REF, "--lang", "en", "--as-of", "2025-06-01").stdout
    assert "(4) Improving the comprehensive environment of ecological parks" in text
    assert "Municipal Commission of Transport (lead)" in text


def test_agencies_are_found_by_their_english_names(seeded):
    by_english = seeded("upcoming", "--as-of", "2025-01-01", "--within", "1y", "--format", "json",
                        "--agency", "Municipal Housing Administration Bureau")
    by_chinese = seeded("upcoming", "--as-of", "2025-01-01", "--within", "1y", "--format", "json",
                        "--agency", "市房屋管理局")
    assert by_english.exit_code == 0, by_english.output
    assert json.loads(by_english.stdout) == json.loads(by_chinese.stdout) != []
    rows = json.loads(by_english.stdout)
    assert "Municipal Housing Administration Bureau" in rows[0]["agencies_en"]
    listed = seeded("policies", "--agency", "municipal bureau of justice", "--format", "csv")
    assert REF in listed.stdout and TITLE_EN in listed.stdout


def _subscribe(run_cli, email, language, *agencies):
    args = ["subscribers", "add", email, "--name", "Reader", "--language", language]
    for a in agencies:
        args += ["--agency", a]
    result = run_cli(*args)
    assert result.exit_code == 0, result.output


def _preview(run_cli, email, fmt):
    result = run_cli("digest", "preview", email, "--as-of", "2025-12-20", "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


def _text_items(body: str) -> list[str]:
    """The items of a plain-text digest: each starts with '- ' and runs to the next one or the signature."""
    return re.split(r"\n(?=- \d{4}-\d{2}-\d{2})|\n-- \n", body)


@pytest.mark.parametrize("agencies", [
    # Subscribed by English names to the agencies of the translated policy's targets.
    ("Municipal Commission of Transport", "Municipal Commission of Economy and Informatization"),
    # Everything: policies without a translation come in too, and must be marked.
    (),
])
def test_an_english_digest_is_english_except_items_marked_as_chinese_originals(seeded, agencies):
    _subscribe(seeded, "en@example.org", "en", *agencies)
    text = _preview(seeded, "en@example.org", "text")
    assert TITLE_EN in text and "50,000 units" in text and "at least 30 projects" in text
    assert "Hu Fu Ban Gui [2023] No. 27" in text
    items = _text_items(text)
    marked = [i for i in items if UNTRANSLATED in i]
    assert all(i.count(UNTRANSLATED) == 1 for i in marked)  # once per item, not on every line
    assert sum(len(HAN.findall(i)) for i in items if UNTRANSLATED not in i) == 0
    assert all(HAN.search(i) for i in marked)  # marked because Chinese is shown, and only then
    assert bool(marked) == (not agencies)

    html = _preview(seeded, "en@example.org", "html")
    assert '<html lang="en">' in html and TITLE_EN in html
    rows = re.findall(r"<tr><td>.*?</tr>(?:\n<tr><td colspan=\"8\"><small>[^<]*</small></td></tr>)?", html)
    assert len(rows) == len(items) - 2  # the greeting and the signature are not items
    for row in rows:
        if UNTRANSLATED in row:
            for attributes, cell in re.findall(r"<td([^>]*)>([^<]*)</td>", row):
                assert not HAN.search(cell) or 'lang="zh"' in attributes
        else:
            assert not HAN.search(row)


def test_a_chinese_digest_is_chinese_throughout(seeded):
    _subscribe(seeded, "zh@example.org", "zh", "市交通委")
    doc = _show(seeded)
    text = _preview(seeded, "zh@example.org", "text")
    html = _preview(seeded, "zh@example.org", "html")
    assert "5万套" in text and "上海市促进在线新经济健康发展的若干政策措施" in text
    for body in (text, html):
        assert not any(m["title_en"] in body for m in doc["measures"])
        assert "units" not in body and "Municipal" not in body and TITLE_EN not in body
    assert '<html lang="zh">' in html


def test_a_hand_pairing_wins_and_survives_seeding_again(seeded):
    result = seeded("set", REF, "--measure", "（五）", "--translation", "none", "--reason", "checked by hand")
    assert result.exit_code == 0, result.output
    assert "measure （五） has no English" in result.stdout
    assert seeded("seed").exit_code == 0
    fifth = _show(seeded)["measures"][4]
    assert fifth["text_en"] is None and fifth["translation"] is None
    assert seeded("set", REF, "--measure", "5", "--translation", "6.", "--reason", "checked").exit_code == 0
    fifth = _show(seeded)["measures"][4]
    assert fifth["translation"] == {"number": "6.", "ordinal": 6, "alignment": "manual"}
    assert fifth["text_en"].startswith("6. Creating a new mode")
    bad = seeded("set", REF, "--measure", "（五）", "--translation", "99.", "--reason", "checked")
    assert bad.exit_code != 0 and "has no measure '99.'" in bad.output and "Traceback" not in bad.output
    assert seeded("set", REF, "--measure", "（五）", "--translation", "auto", "--reason", "checked").exit_code == 0
    assert _show(seeded)["measures"][4]["translation"]["alignment"] == "anchors"


@pytest.mark.parametrize("order", [(ORIGINAL, TRANSLATION), (TRANSLATION, ORIGINAL)])
def test_the_seed_translation_pairs_the_same_whichever_comes_first(run_cli, order):
    folder = seed_dir() / "sources"
    result = run_cli("ingest", *(str(folder / name) for name in order))
    assert result.exit_code == 0, result.output
    assert "translation: 20 of 20 measures aligned (20 by anchors)" in result.stdout
    doc = _show(run_cli)
    assert (doc["title"], doc["title_en"]) == ("上海市促进在线新经济健康发展的若干政策措施", TITLE_EN)
    assert [(m["number"], m["translation"]["number"]) for m in doc["measures"]] == [
        (m["number"], f"{k}.") for k, m in enumerate(doc["measures"], start=1)]
    assert {t["measure"]: t["metric_en"] for t in doc["targets"]} == {
        "（四）": "government-subsidized rental housing units", "（九）": "pilot demonstration projects"}
    listed = json.loads(run_cli("policies", "--format", "json").stdout)
    assert len(listed) == 1


def test_an_agency_gets_a_curated_english_name_by_hand(seeded):
    result = seeded("agency", "english", "市体育局", "Shanghai Sports Bureau")
    assert result.exit_code == 0, result.output
    assert "上海市体育局: Shanghai Sports Bureau" in result.stdout
    found = seeded("policies", "--agency", "shanghai sports bureau", "--format", "json")
    assert found.exit_code == 0 and json.loads(found.stdout)
    taken = seeded("agency", "english", "市体育局", "Municipal Bureau of Justice")
    assert taken.exit_code == 4 and "already names agency 上海市司法局" in taken.output
    unknown = seeded("agency", "english", "火星局", "Mars Bureau")
    assert unknown.exit_code == 3 and "Traceback" not in unknown.output


def test_upcoming_in_english_numbers_measures_and_says_what_falls_due_in_english(seeded):
    args = ("upcoming", "--as-of", "2025-01-01", "--within", "1y", "--kind", "target", "--policy", REF, "--lang", "en")
    table = seeded(*args)
    assert table.exit_code == 0, table.output
    rows = table.stdout.splitlines()[1:]
    assert rows and not any(HAN.search(row.split("  ")[0]) for row in rows)
    assert all("(Hu Fu Ban Gui [2023] No. 27)" in row for row in rows)
    assert {"(4)", "(9)"} <= {word for row in rows for word in row.split()}
    assert not any(HAN.search(row.split("(Hu Fu Ban Gui [2023] No. 27)")[1]) for row in rows)
    listed = json.loads(seeded(*args, "--format", "json").stdout)
    housing = next(r for r in listed if r["measure"] == "（四）")  # json keeps the number as printed, and both texts
    assert housing["measure_en"] == "(4)" and "50,000" in housing["subject_en"] and "5万套" in housing["subject"]
