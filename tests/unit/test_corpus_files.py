"""The evaluation corpus (bench/corpus) is well-formed: every document has an expected file and every expected
file a document, with the keys, kinds and dates bench/corpus_eval.py relies on. No extraction runs here."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "corpus"
DOCS = CORPUS / "docs"
EXPECTED = CORPUS / "expected"

KINDS = {"law", "regulation", "rules", "measures", "opinions", "plan", "action-plan", "notice-extension",
         "notice-repeal", "compilation", "english"}
TOP_KEYS = {"source", "kind", "language", "issued_on", "policies", "notes"}
POLICY_KEYS = {"title", "doc_number", "effective_from", "effective_to", "measures", "targets", "milestones", "extends",
               "repeals"}
# Files of the independent evaluation set must never be copied into this corpus.
RESERVED = ("zhiyao87/Shanghai-Gov-Docs-Index", "ZhouYNF/platform-1")


def _ids(folder: Path, suffix: str) -> set[str]:
    return {p.name[: -len(suffix)] for p in folder.glob(f"*{suffix}")}


def _is_day(value) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def test_every_document_has_an_expected_file_and_back():
    docs, expected = _ids(DOCS, ".txt"), _ids(EXPECTED, ".json")
    assert docs, "the corpus has no documents"
    assert docs - expected == set(), "documents without expected facts"
    assert expected - docs == set(), "expected facts without a document"


def test_document_ids_are_short_ascii_slugs():
    for path in DOCS.glob("*"):
        assert re.fullmatch(r"[ab]-[a-z0-9][a-z0-9-]{1,60}\.txt", path.name), path.name


def test_documents_are_utf8_text():
    for path in DOCS.glob("*.txt"):
        text = path.read_bytes().decode("utf-8")
        assert text.strip(), f"{path.name} is empty"
        assert "\x00" not in text, f"{path.name} is binary"


@pytest.mark.parametrize("path", _expected_files(), ids=lambda p: p.stem)
def test_expected_file_is_well_formed(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == TOP_KEYS, f"{path.name}: keys {sorted(set(data) ^ TOP_KEYS)}"
    assert isinstance(data["source"], str) and data["source"], path.name
    assert not any(r.lower() in data["source"].lower() for r in RESERVED), f"{path.name}: reserved source"
    assert data["kind"] in KINDS, f"{path.name}: kind {data['kind']}"
    assert data["language"] in ("zh", "en"), path.name
    assert data["issued_on"] is None or _is_day(data["issued_on"]), f"{path.name}: issued_on {data['issued_on']}"
    assert isinstance(data["notes"], str)
    assert isinstance(data["policies"], list) and data["policies"], f"{path.name}: no policies"
    for k, p in enumerate(data["policies"]):
        where = f"{path.name}: policies[{k}]"
        assert set(p) == POLICY_KEYS, f"{where}: keys {sorted(set(p) ^ POLICY_KEYS)}"
        assert isinstance(p["title"], str) and p["title"].strip(), where
        assert p["doc_number"] is None or (isinstance(p["doc_number"], str) and p["doc_number"].strip()), where
        for side in ("effective_from", "effective_to"):
            assert p[side] is None or _is_day(p[side]), f"{where}.{side}: {p[side]}"
        if p["effective_from"] and p["effective_to"]:
            assert p["effective_from"] <= p["effective_to"], f"{where}: window ends before it starts"
        assert p["measures"] is None or (isinstance(p["measures"], int) and p["measures"] >= 0), where
        for j, t in enumerate(p["targets"]):
            assert set(t) == {"quantity", "unit", "due"}, f"{where}.targets[{j}]"
            assert isinstance(t["quantity"], (int, float)) and not isinstance(t["quantity"], bool), f"{where}.targets[{j}]"
            assert t["unit"] is None or isinstance(t["unit"], str), f"{where}.targets[{j}]"
            assert _is_day(t["due"]), f"{where}.targets[{j}].due: {t['due']}"
        for j, m in enumerate(p["milestones"]):
            assert set(m) == {"due", "text"}, f"{where}.milestones[{j}]"
            assert _is_day(m["due"]), f"{where}.milestones[{j}].due: {m['due']}"
            assert isinstance(m["text"], str) and m["text"].strip(), f"{where}.milestones[{j}]"
        assert p["extends"] is None or isinstance(p["extends"], str), where
        assert isinstance(p["repeals"], list) and all(isinstance(r, str) and r for r in p["repeals"]), where
