"""How `tracker show` presents one policy: a JSON-ready document, and plain text built from it."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.cli.output import plain
from tracker.domain.status import policy_status
from tracker.domain.targets import check_due_on
from tracker.extract.agencies import agency_sources

_ROLE_MARK = {"lead": "lead", "responsible": "", "supporting": "supporting"}


def detail_document(detail, as_of: date, horizon_days: int) -> dict[str, Any]:
    """The policy, its status on `as_of`, measures, targets, links and history as plain values."""
    p = detail.policy
    return {
        "ref": p.ref,
        "title": p.title,
        "title_en": p.title_en,
        "doc_number": p.doc_number,
        "issuer": p.issuer,
        "issued_on": p.issued_on,
        "published_on": p.published_on,
        "as_of": as_of,
        "status": policy_status(p.effective_from, p.effective_to, p.state, as_of, horizon_days).value,
        "effective_from": p.effective_from,
        "effective_to": p.effective_to,
        "window_source": p.window_source,
        "window_basis": p.window_basis,
        # The period a plan covers (行动方案（2026—2030年）): not its window, the status does not read it.
        "plan_from": p.plan_from,
        "plan_to": p.plan_to,
        "plan_basis": p.plan_basis,
        "measures": [
            {
                "number": m.number,
                "ordinal": m.ordinal,
                "section": m.section,
                "title": m.title,
                "title_en": m.title_en,
                "text_en": m.text_en,
                "translation": None if m.en_ordinal is None else {
                    "number": detail.translated_numbers.get(m.en_ordinal), "ordinal": m.en_ordinal,
                    "alignment": m.alignment},
                "agencies": [{"name": n, "name_en": detail.agency_names_en.get(n), "role": r}
                             for n, r in detail.agencies_by_measure.get(m.id, [])],
                # The clause the agencies were read from, so the reader can check them against the text.
                "agencies_from": agency_sources(m.text or "") if detail.agencies_by_measure.get(m.id) else [],
            }
            for m in detail.measures
        ],
        "targets": [_target(t, detail.last_checks.get(t.id), as_of) for t in detail.targets],
        "supersedes": [
            {"ref": s.ref, "doc_number": s.superseded_doc_number, "title": s.title or s.superseded_title}
            for s in detail.supersedes
        ],
        "superseded_by": [{"ref": s.ref, "title": s.title} for s in detail.superseded_by],
        "history": [
            {
                "field": h.field,
                "old": h.old_value,
                "new": h.new_value,
                "reason": h.reason,
                "source": h.source,
                "at": h.changed_at,
            }
            for h in detail.history
        ],
    }


def _target(t, check, as_of: date) -> dict[str, Any]:
    return {
        "id": t.id,  # what `tracker checks record TARGET` takes
        "kind": t.kind,
        "measure": t.measure_number,
        "text": t.text,
        "text_en": t.text_en,
        "metric": t.metric,
        "metric_en": t.metric_en,
        "unit_en": t.unit_en,
        "quantity": t.quantity,
        "quantity_high": t.quantity_high,
        "unit": t.unit,
        "comparator": t.comparator,
        "due_on": t.due_on,
        "due_source": t.due_source,
        "outcome": t.outcome,
        "next_check_on": check_due_on(t.next_check_on, t.due_on, as_of),
        "last_check": None
        if check is None
        else {"checked_on": check.checked_on, "status": check.status, "value": check.value, "note": check.note},
    }


def _number(number: str | None, english: bool) -> str | None:
    """A measure number as the reader's language prints it: （四） stays for Chinese, (4) for English."""
    if not english:
        return number
    from tracker.domain.numbering import english_measure_number

    return english_measure_number(number)


def _target_lines(t: dict[str, Any], english: bool = False) -> list[str]:
    where = f"[{_number(t['measure'], english)}] " if t["measure"] else ""
    state = t["outcome"] or (f"next check {t['next_check_on']}" if t["next_check_on"] else "open")
    # An inferred due date was read from a heading or a bare year, not from the sentence: say so.
    how = " (inferred)" if t.get("due_source") == "inferred" else ""
    text = (english and t.get("text_en")) or t["text"]
    out = [f"  #{t['id']} {where}{text} — due {_day(t['due_on'])}{how}, {state}"]
    if t.get("kind") != "milestone" and t["quantity"] is not None:
        amount = plain(t["quantity"]) if t.get("quantity_high") is None else f"{plain(t['quantity'])}-{plain(t['quantity_high'])}"
        if english and (t.get("metric_en") or t.get("text_en")):
            from tracker.domain.quantities import format_quantity

            shown = format_quantity(t["quantity"], t["unit"], t["comparator"], "en", t.get("unit_en"), high=t.get("quantity_high"))
            out.append(f"    {t.get('metric_en') or 'quantity'}: {shown}")
        else:
            out.append(f"    {t['metric'] or 'quantity'}: {_COMPARATOR.get(t['comparator'], '')}{amount} {t['unit'] or ''}".rstrip())
    c = t["last_check"]
    if c:
        value = f", value {plain(c['value'])}" if c["value"] is not None else ""
        note = f" ({c['note']})" if c["note"] else ""
        out.append(f"    last check {c['checked_on']}: {c['status']}{value}{note}")
    return out


_COMPARATOR = {"at_least": "≥ ", "at_most": "≤ ", "about": "~ ", "exactly": ""}


def plan_source(doc: dict[str, Any]) -> str:
    """Where the plan period was read: the title (its basis is the title), the text (a sentence), or by hand."""
    basis = doc.get("plan_basis")
    if basis == "manual":
        return "set by hand"
    if basis and basis in (doc.get("title"), doc.get("title_en")):
        return "from the title"
    return "from the text" if basis else "source not recorded"


def _day(value) -> str:
    return value.isoformat() if value else "?"


def detail_text(doc: dict[str, Any], lang: str = "zh") -> str:
    """Plain text for a terminal or a pipe; in English (`lang="en"`) wherever an English text is on file."""
    english = lang == "en"
    if english and doc["title_en"]:
        lines = [f"{doc['ref']}  {doc['title_en']}", f"  {doc['title']}"]
    else:
        lines = [f"{doc['ref']}  {doc['title']}"]
        if doc["title_en"]:
            lines.append(f"  {doc['title_en']}")
    if doc["doc_number"] and doc["doc_number"] != doc["ref"]:
        lines.append(f"  document number: {doc['doc_number']}")
    issued = ", ".join(x for x in (doc["issuer"], doc["issued_on"] and f"issued {doc['issued_on']}") if x)
    if issued:
        lines.append(f"  {issued}")
    lines.append(f"  status on {doc['as_of']}: {doc['status'].replace('_', ' ')}")
    if doc["effective_from"] or doc["effective_to"]:
        end = _day(doc["effective_to"]) if doc["effective_to"] else "open-ended"
        window = f"{_day(doc['effective_from'])} .. {end} (last day inclusive)"
    else:
        window = "not known"
    lines.append(f"  window: {window}; known: {doc['window_source'] or 'not recorded'}")
    if doc["window_basis"]:
        lines.append(f"    from: {doc['window_basis']}")
    if doc.get("plan_from") or doc.get("plan_to"):
        lines.append(f"  plan period: {_day(doc['plan_from'])} to {_day(doc['plan_to'])} ({plan_source(doc)})")
        if doc["plan_basis"] and plan_source(doc) == "from the text":
            lines.append(f"    from: {doc['plan_basis']}")
    for s in doc["supersedes"]:
        lines.append(f"  supersedes: {s['ref'] or s['doc_number'] or ''} {s['title'] or ''}".rstrip())
    for s in doc["superseded_by"]:
        lines.append(f"  superseded by: {s['ref']} {s['title']}")
    lines.append(f"Measures ({len(doc['measures'])})")
    section = None
    for m in doc["measures"]:
        if m.get("section") and m["section"] != section:
            section = m["section"]  # the heading the measures stand under (一、…), once per run of measures
            lines.append(f" {section}")
        names = ", ".join(
            ((english and a["name_en"]) or a["name"]) + (f" ({_ROLE_MARK[a['role']]})" if _ROLE_MARK.get(a["role"]) else "")
            for a in m["agencies"]
        )
        title = (english and m["title_en"]) or m["title"] or ""
        lines.append(f"  {_number(m['number'], english)} {title}".rstrip() + (f" — {names}" if names else ""))
        for clause in m.get("agencies_from") or []:
            lines.append(f"    from: {clause}")
    for heading, kind in (("Targets", "target"), ("Milestones", "milestone")):
        dated = [t for t in doc["targets"] if (t.get("kind") or "target") == kind]
        if kind == "milestone" and not dated:
            continue
        lines.append(f"{heading} ({len(dated)})")
        for t in dated:
            lines.extend(_target_lines(t, english))
    if doc["history"]:
        lines.append("History")
        for h in doc["history"]:
            why = f" — {h['reason']}" if h["reason"] else ""
            src = f" [{h['source']}]" if h["source"] else ""
            at = h["at"].date().isoformat() if hasattr(h["at"], "date") else h["at"]
            lines.append(f"  {at} {h['field']}: {h['old'] or '∅'} → {h['new'] or '∅'}{why}{src}")
    return "\n".join(lines)
