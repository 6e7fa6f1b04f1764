"""Compose digests: gather a subscriber's unsent notices, turn them into lines, render, store one message.

The view (groups and lines) is computed here in plain Python; the templates only format it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from tracker.domain.docnumbers import english_doc_number
from tracker.domain.quantities import format_quantity
from tracker.store.queries import agencies_for
from tracker.store.schema.policies import Agency, Measure, Policy, Target, TargetCheck, TranslatedMeasure
from tracker.store.schema.reminders import Message, Notice, Subscriber

GROUPS = ("overdue", "due_soon", "expiring", "expired", "changes", "news")
POLICY_KINDS = ("expiry", "new", "repeal")  # notices whose item is a policy (and date changes of a policy)
_NEWS = {
    "en": {"new": "New policy", "repealed": "Repealed", "superseded": "Superseded"},
    "zh": {"new": "新发布政策", "repealed": "已废止", "superseded": "已被替代"},
}
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass
class DigestLine:
    on: date
    days_left: int
    kind: str
    policy: str  # title (English where known and wanted) and 文号
    subject: str  # what falls due
    measure: str | None = None
    agencies: str = ""
    quantity: str | None = None
    last_check: str | None = None
    late: bool = False
    note: str | None = None  # e.g. the old date of a moved deadline
    ref: str | None = None  # the policy's ref: digests link to its page when TRACKER_BASE_URL is set
    # Fields shown in the other language because this one has no text for them (for HTML lang attributes),
    # and whether the item is marked as such (once per item: "Chinese original; no English translation on file").
    foreign: frozenset[str] = frozenset()
    untranslated: bool = False


@dataclass
class DigestView:
    subscriber_name: str
    language: str
    day: date
    groups: dict[str, list[DigestLine]] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        return {g: len(self.groups.get(g, [])) for g in GROUPS}

    @property
    def empty(self) -> bool:
        return not any(self.groups.values())


def _group(notice: Notice) -> str:
    if notice.kind in ("new", "repeal"):
        return "news"
    if notice.kind == "date_change":
        return "changes"
    if notice.kind == "expiry":
        return "expiring"
    if notice.rule.startswith("overdue"):
        return "overdue"
    return "due_soon"


def _quantity(t: Target, language: str) -> str | None:
    return format_quantity(t.quantity, t.unit, t.comparator, language, t.unit_en, high=t.quantity_high)


_CHECK_STATUS = {
    "en": {"met": "met", "on_track": "on track", "at_risk": "at risk", "missed": "missed"},
    "zh": {"met": "已达成", "on_track": "进展正常", "at_risk": "存在风险", "missed": "未达成"},
}


@dataclass
class Items:
    """Everything the lines of a set of notices show, loaded in a fixed number of queries."""

    targets: dict[int, Target]
    policies: dict[int, Policy]
    measures: dict[int, str]
    by_measure: dict[int, tuple[str, ...]]
    by_policy: dict[int, tuple[str, ...]]
    last_checks: dict[int, TargetCheck]
    measures_en: dict[int, str] = field(default_factory=dict)  # the paired translated measure's number
    agencies_en: dict[str, str] = field(default_factory=dict)  # agency name -> English name


def load_items(session: Session, notices: list[Notice]) -> Items:
    policy_ids = {n.item_id for n in notices if n.kind in POLICY_KINDS or n.rule == "changed:policy"}
    target_ids = {n.item_id for n in notices if n.kind in ("target", "check") or n.rule == "changed:target"}
    targets = {t.id: t for t in session.scalars(select(Target).where(Target.id.in_(target_ids)))} if target_ids else {}
    policy_ids |= {t.policy_id for t in targets.values()}
    policies = {p.id: p for p in session.scalars(select(Policy).where(Policy.id.in_(policy_ids)))} if policy_ids else {}
    measure_ids = {t.measure_id for t in targets.values() if t.measure_id}
    measures: dict[int, str] = {}
    measures_en: dict[int, str] = {}
    if measure_ids:
        paired = TranslatedMeasure.__table__
        rows = session.execute(
            select(Measure.id, Measure.number, paired.c.number)
            .select_from(Measure.__table__.outerjoin(
                paired, (paired.c.policy_id == Measure.policy_id) & (paired.c.ordinal == Measure.en_ordinal)))
            .where(Measure.id.in_(measure_ids))
        ).all()
        for measure_id, number, english in rows:
            measures[measure_id] = number
            if english:
                measures_en[measure_id] = english
    by_measure, by_policy = agencies_for(session.connection(), measure_ids, policy_ids)
    names = {n for group in (*by_measure.values(), *by_policy.values()) for n in group}
    agencies_en = dict(
        session.execute(select(Agency.name, Agency.name_en).where(Agency.name.in_(names), Agency.name_en.is_not(None))).all()
    ) if names else {}
    last_checks: dict[int, TargetCheck] = {}
    if target_ids:
        ordered = select(TargetCheck).where(TargetCheck.target_id.in_(target_ids))
        for c in session.scalars(ordered.order_by(TargetCheck.checked_on, TargetCheck.id)):
            last_checks[c.target_id] = c
    return Items(targets, policies, measures, by_measure, by_policy, last_checks, measures_en, agencies_en)


class _Speaker:
    """Picks each field's text in the reader's language, noting which fields had to fall back to the other."""

    def __init__(self, lang: str, items: Items) -> None:
        self.lang, self.items = lang, items
        self.foreign: set[str] = set()

    def pick(self, name: str, own: str | None, other: str | None) -> str | None:
        if own:
            return own
        if other:
            self.foreign.add(name)
        return other

    def policy(self, p: Policy) -> str:
        # The full title: an email never cuts one (the document number still identifies the policy).
        if self.lang == "en":
            title = self.pick("policy", p.title_en or (p.title if p.language == "en" else None), p.title)
            # Without a document number nothing is cited: the ref is a slug of the title itself.
            cited = english_doc_number(p.doc_number) if p.doc_number else None
            if p.doc_number and cited is None:
                cited = self.pick("policy", None, p.doc_number)
        else:
            title = self.pick("policy", p.title if p.language != "en" else None, p.title)
            cited = p.doc_number
        title = " ".join((title or "").split())
        return f"{title} ({cited})" if cited and cited != title else title

    def agencies(self, names: tuple[str, ...]) -> str:
        if self.lang != "en":
            return "、".join(names)
        shown = [self.pick("agencies", self.items.agencies_en.get(n), n) for n in names]
        return ", ".join(shown)

    def target(self, t: Target, p: Policy) -> str:
        if self.lang == "en":
            return self.pick("subject", t.text_en or (t.text if p.language == "en" else None), t.text)
        return self.pick("subject", t.text if p.language != "en" else None, t.text)

    def measure(self, measure_id: int | None, p: Policy) -> str | None:
        if measure_id is None:
            return None
        number = self.items.measures.get(measure_id)
        if self.lang == "en":
            return self.pick("measure", self.items.measures_en.get(measure_id) or (number if p.language == "en" else None), number)
        return self.pick("measure", number if p.language != "en" else None, number)


def view_for(
    name: str, lang: str, notices: list[Notice], day: date, items: Items, joined: date | None = None
) -> DigestView:
    """Lines for the notices, one per item per group (the most recent notice of an item speaks for it).

    A notice is late when its day passed without a digest; one whose day came before the subscriber joined
    (`joined`, their local day) is simply the state of things their first digest reports, not late."""
    latest: dict[tuple[str, str, int], Notice] = {}
    for n in sorted(notices, key=lambda n: n.fires_on):
        group = _group(n)
        if group == "expiring" and n.item_date < day:
            group = "expired"  # a policy whose last day has passed is no longer "expiring": it lapsed
        latest[(group, n.kind, n.item_id)] = n
    groups: dict[str, list[DigestLine]] = defaultdict(list)
    for (group, kind, item_id), n in latest.items():
        # its most recent reminder should have gone out on an earlier day, to this subscriber
        late = n.fires_on < day and (joined is None or n.fires_on >= joined)
        say = _Speaker(lang, items)
        if kind in POLICY_KINDS or n.rule == "changed:policy":
            p = items.policies.get(item_id)
            if p is None:
                continue
            label = say.policy(p)
            if group == "news":
                subject = _NEWS["en" if lang == "en" else "zh"].get(n.rule, label)
            else:
                subject = label
                if "policy" in say.foreign:
                    say.foreign.add("subject")  # an expiry's subject is the policy itself
            line = DigestLine(n.item_date, (n.item_date - day).days, kind, label, subject,
                              agencies=say.agencies(items.by_policy.get(p.id, ())), late=late, ref=p.ref)
        else:
            t = items.targets.get(item_id)
            if t is None:
                continue
            p = items.policies[t.policy_id]
            names = items.by_measure.get(t.measure_id, ()) if t.measure_id else items.by_policy.get(p.id, ())
            check = items.last_checks.get(t.id)
            status = _CHECK_STATUS["en" if lang == "en" else "zh"].get(check.status, check.status) if check else None
            # A milestone is reminded by the target ladder (notice kind "target") but named as what it is.
            shown = "milestone" if kind == "target" and t.kind == "milestone" else kind
            line = DigestLine(
                n.item_date, (n.item_date - day).days, shown, say.policy(p), say.target(t, p),
                measure=say.measure(t.measure_id, p), agencies=say.agencies(names), quantity=_quantity(t, lang),
                last_check=f"{check.checked_on.isoformat()} {status}" if check else None, late=late,
                ref=p.ref,
            )
        line.foreign = frozenset(say.foreign)
        line.untranslated = bool(say.foreign)
        groups[group].append(line)
    for lines in groups.values():
        lines.sort(key=lambda line: (line.on, line.policy))
    return DigestView(name, lang, day, dict(groups))


def pending_views(session: Session, subscriber_ids: list[int], now: datetime) -> list[tuple[Subscriber, list[Notice], DigestView]]:
    """Each subscriber's unsent notices and the digest they make as of `now`; empty digests are left out.

    A fixed number of queries whatever the number of subscribers (composing, previews and dry runs share it).
    """
    subscribers = {s.id: s for s in session.scalars(select(Subscriber).where(Subscriber.id.in_(subscriber_ids)))}
    notices = list(
        session.scalars(
            select(Notice)
            .where(Notice.subscriber_id.in_(subscriber_ids), Notice.message_id.is_(None))
            .order_by(Notice.subscriber_id, Notice.id)
        )
    )
    items = load_items(session, notices)
    per_subscriber: dict[int, list[Notice]] = defaultdict(list)
    for n in notices:
        per_subscriber[n.subscriber_id].append(n)
    out = []
    for sub_id, own in per_subscriber.items():
        sub = subscribers[sub_id]
        day = now.astimezone(ZoneInfo(sub.timezone)).date()
        joined = sub.created_at.astimezone(ZoneInfo(sub.timezone)).date() if sub.created_at else None
        view = view_for(sub.name or sub.handle, sub.language, own, day, items, joined)
        if not view.empty:
            out.append((sub, own, view))
    return out


def compose_batch(session: Session, due: dict[int, str], now: datetime, renderer,
                  unsubscribe_link=None) -> list[tuple[list[dict], list[int]]]:
    """Read phase for the subscribers in `due` (id -> slot key): render each digest that has something to say,
    once for the email address (if any) and once for each active channel, in the channel's own format.
    `unsubscribe_link(id, address)` gives a subscriber's one-click unsubscribe URL (None: no web server)."""
    import json

    from tracker.reminders.chat import ChatRenderer
    from tracker.store.schema.reminders import Channel

    views = pending_views(session, list(due), now)
    channels: dict[int, list[Channel]] = defaultdict(list)
    if views:
        for channel in session.scalars(
            select(Channel).where(Channel.subscriber_id.in_([sub.id for sub, _, _ in views]), Channel.paused.is_(False))
            .order_by(Channel.id)
        ):
            channels[channel.subscriber_id].append(channel)
    chat = ChatRenderer(renderer)
    out = []
    for sub, own, view in views:
        link = unsubscribe_link(sub.id, sub.email) if unsubscribe_link and sub.email else None
        if sub.email:
            subject, text, html = renderer.render(view, link)
        else:  # channel-only: the chat parts below are its bodies
            subject = renderer.subject(view)
        common = {"subscriber_id": sub.id, "subject": subject, "status": "pending", "attempts": 0,
                  "next_attempt_at": now, "created_at": now}
        rows = []
        if sub.email:
            rows.append({**common, "digest_key": due[sub.id], "channel_id": None, "recipient": sub.email,
                         "body_text": text, "body_html": html, "unsubscribe_url": link})
        for channel in channels[sub.id]:
            # The slot key carries the channel: the (subscriber, digest_key) unique key is then one row per
            # subscriber, channel and slot.
            rows.append({**common, "digest_key": f"{due[sub.id]}@{channel.id}", "channel_id": channel.id,
                         "recipient": channel.label[:320], "body_html": "",
                         "body_text": json.dumps(chat.parts(view, channel.kind), ensure_ascii=False),
                         "unsubscribe_url": None})
        if rows:
            out.append((rows, [n.id for n in own]))
    return out


def store_batch(session: Session, composed: list[tuple[list[dict], list[int]]]) -> int:
    """Write phase: insert the messages (a slot already composed elsewhere is skipped by its unique key) and
    hand exactly the rendered notices to each subscriber's first new message. Two statements whatever the
    batch size."""
    if not composed:
        return 0
    dialect = session.bind.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    inserted = session.execute(
        insert(Message).on_conflict_do_nothing().returning(Message.id, Message.subscriber_id),
        [row for rows, _ in composed for row in rows],
    ).all()
    message_of: dict[int, int] = {}
    for mid, sub_id in inserted:
        if mid is not None:
            message_of[sub_id] = min(mid, message_of.get(sub_id, mid))
    assignments = [
        {"nid": nid, "mid": message_of[rows[0]["subscriber_id"]]}
        for rows, notice_ids in composed
        if rows[0]["subscriber_id"] in message_of
        for nid in notice_ids
    ]
    if assignments:
        table = Notice.__table__
        session.execute(
            update(table).where(table.c.id == bindparam("nid"), table.c.message_id.is_(None)).values(message_id=bindparam("mid")),
            assignments,
        )
    return sum(1 for mid, _ in inserted if mid is not None)
