"""Every table as a SQLAlchemy Core `Table`: the one definition of the schema, importable without the ORM.

The read commands (`upcoming`, `policies`, `show`, `targets`, `agencies`) query these tables with Core and
never pay for importing sqlalchemy.orm or mapping classes; the ORM classes in the sibling modules map onto
these same Table objects (`__table__ = tables.policy`) for the code that writes. The Alembic migrations stay
authoritative for the database; tests/integration/test_migrations.py compares this metadata with them.
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.types import TypeDecorator

# Named constraints make migrations reproducible and let downgrades drop them by name on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC timestamps on every backend.

    SQLite has no time zones; storing naive UTC and re-attaching UTC on the way out keeps comparisons
    identical on SQLite and PostgreSQL. Naive input is rejected: it is always a bug (a clock read without zone).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime passed to the database; pass an aware datetime")
        value = value.astimezone(timezone.utc)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


WINDOW_SOURCES = ("stated", "inferred", "extended", "manual")
POLICY_STATES = ("active", "repealed", "superseded")
ROLES = ("lead", "responsible", "supporting")
COMPARATORS = ("at_least", "at_most", "about", "exactly", "between")
CHECK_STATUSES = ("met", "on_track", "at_risk", "missed")
TARGET_KINDS = ("target", "milestone")
NOTICE_KINDS = ("expiry", "target", "check", "date_change", "new", "repeal")
MESSAGE_STATUSES = ("pending", "sending", "sent", "failed")
CHANNEL_KINDS = ("wecom", "dingtalk", "feishu", "lark", "slack", "msteams", "json")
JOB_OUTCOMES = ("ok", "idle", "standby", "error")
SOURCE_KINDS = ("feed", "listing")
ENTRY_STATUSES = ("ingested", "duplicate", "skipped", "failed", "refused", "blocked")
FINDING_CHANGES = ("new", "extended", "repealed", "superseded")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"

# --- policies, their source documents, measures, agencies, targets, progress checks and history ---

policy = Table(
    "policy",
    metadata,
    Column("id", Integer, primary_key=True),
    # Stable short reference shown in every listing: the document number when there is one, else a slug.
    Column("ref", String(200), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("title_en", Text),
    # Not unique: the policies of one several-policy notice (印发《A》和《B》的通知) share the notice's number.
    Column("doc_number", String(200), index=True),
    Column("issuer", Text),
    Column("issued_on", Date),
    Column("published_on", Date),
    Column("language", String(8)),
    Column("effective_from", Date),
    # Inclusive: the last day the policy is in force. NULL means open-ended (or not known).
    Column("effective_to", Date, index=True),
    Column("window_source", String(16)),
    Column("window_basis", Text),
    # A plan's period (行动方案（2026—2030年）, 规划期为…) is not a validity window: the text does not say the
    # policy lapses with it. Kept beside the window, with the words it was read from.
    Column("plan_from", Date),
    Column("plan_to", Date, index=True),
    Column("plan_basis", Text),
    Column("state", String(16), nullable=False, default="active", server_default="active"),
    # Fields corrected by hand (comma-separated names). Re-extraction never overwrites these.
    Column("pinned", Text, nullable=False, default="", server_default=""),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    CheckConstraint(_in("window_source", WINDOW_SOURCES), name="window_source"),
    CheckConstraint(_in("state", POLICY_STATES), name="state"),
    CheckConstraint(
        "effective_to IS NULL OR effective_from IS NULL OR effective_to >= effective_from", name="window_order"
    ),
    CheckConstraint("plan_to IS NULL OR plan_from IS NULL OR plan_to >= plan_from", name="plan_order"),
)

source_document = Table(
    "source_document",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),  # file name as given, or the URL
    Column("url", Text),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("language", String(8)),
    Column("format", String(16)),
    Column("ingested_at", UTCDateTime, nullable=False),
)

# One policy can come from several documents; one compilation document carries many policies.
policy_source = Table(
    "policy_source",
    metadata,
    Column("policy_id", Integer, ForeignKey("policy.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", Integer, ForeignKey("source_document.id", ondelete="CASCADE"), primary_key=True),
)

# `policy` repeals or replaces another, known (`superseded_id`) or only named (doc number / title).
supersession = Table(
    "supersession",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("policy_id", Integer, ForeignKey("policy.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("superseded_id", Integer, ForeignKey("policy.id", ondelete="SET NULL"), index=True),
    Column("superseded_doc_number", String(200)),
    Column("superseded_title", Text),
)

measure = Table(
    "measure",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("policy_id", Integer, ForeignKey("policy.id", ondelete="CASCADE"), nullable=False),
    Column("number", String(40), nullable=False),  # as printed
    Column("ordinal", Integer, nullable=False),
    Column("section", Text),
    Column("title", Text),
    Column("text", Text, nullable=False, default=""),
    # The translation's measure paired with this one (its ordinal there) and its English title and text.
    Column("title_en", Text),
    Column("text_en", Text),
    Column("en_ordinal", Integer),
    # How the pairing is known: "anchors", "order" or "manual" (a person's; re-alignment never changes it).
    # "manual" with no en_ordinal says "this measure has no English counterpart".
    Column("alignment", String(16)),
    UniqueConstraint("policy_id", "ordinal"),
)

# A measure as the English translation prints it, kept whole so the pairing can be redone or corrected.
translated_measure = Table(
    "translated_measure",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("policy_id", Integer, ForeignKey("policy.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("number", String(40), nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False, default=""),
    Column("agencies", Text, nullable=False, default="", server_default=""),  # names as printed, one a line
    UniqueConstraint("policy_id", "ordinal"),
)

agency = Table(
    "agency",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("name_en", String(300)),
)

# Another name for an agency (short form, old name, English name). Stored normalised for matching.
agency_alias = Table(
    "agency_alias",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("agency_id", Integer, ForeignKey("agency.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias", String(200), nullable=False, unique=True),
)

measure_agency = Table(
    "measure_agency",
    metadata,
    Column("measure_id", Integer, ForeignKey("measure.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", Integer, ForeignKey("agency.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("role", String(16), nullable=False),
    Column("position", Integer, nullable=False, default=0, server_default="0"),  # order as printed
    CheckConstraint(_in("role", ROLES), name="role"),
)

target = Table(
    "target",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("policy_id", Integer, ForeignKey("policy.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("measure_id", Integer, ForeignKey("measure.id", ondelete="SET NULL"), index=True),
    # A target counts something (quantity, unit, comparator); a milestone is a dated obligation without a
    # number (2024年6月底前建成…). One table: both have a due date, agencies, checks and the same notices.
    Column("kind", String(16), nullable=False, default="target", server_default="target"),
    Column("text", Text, nullable=False),
    Column("metric", Text),
    # From the translation's sentence paired with this target (same quantity and due date).
    Column("text_en", Text),
    Column("metric_en", Text),
    Column("unit_en", String(80)),
    Column("quantity", Numeric(20, 4)),
    # A range (3-4个, 10至15家): comparator "between", quantity the low end and quantity_high the high end.
    Column("quantity_high", Numeric(20, 4)),
    Column("unit", String(40)),
    Column("comparator", String(16), nullable=False, default="exactly", server_default="exactly"),
    Column("due_on", Date, index=True),
    Column("due_source", String(16), nullable=False, default="stated", server_default="stated"),
    # Derived from the checks (the latest met/missed), kept here so "overdue" is an index lookup.
    Column("outcome", String(16)),
    # The next progress check date, derived from the checks and the cadence; indexed for `upcoming --kind check`.
    Column("next_check_on", Date, index=True),
    Column("pinned", Text, nullable=False, default="", server_default=""),
    CheckConstraint(_in("comparator", COMPARATORS), name="comparator"),
    CheckConstraint(_in("outcome", ("met", "missed")), name="outcome"),
    CheckConstraint(_in("kind", TARGET_KINDS), name="kind"),
    # Overdue = due before the day and still open; this index answers it without scanning closed targets.
    Index("ix_target_outcome_due_on", "outcome", "due_on"),
)

# A progress check on a target: what was measured, and whether it is met, on track, at risk or missed.
target_check = Table(
    "target_check",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("target_id", Integer, ForeignKey("target.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("checked_on", Date, nullable=False),
    Column("value", Numeric(20, 4)),
    Column("status", String(16), nullable=False),
    Column("note", Text),
    Column("checked_by", String(200)),
    Column("recorded_at", UTCDateTime, nullable=False),
    CheckConstraint(_in("status", CHECK_STATUSES), name="status"),
)

# Append-only log of changes to a policy's dates or status and to a target's due date.
history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("policy_id", Integer, ForeignKey("policy.id", ondelete="CASCADE"), index=True),
    Column("target_id", Integer, ForeignKey("target.id", ondelete="CASCADE"), index=True),
    Column("field", String(40), nullable=False),
    Column("old_value", Text),
    Column("new_value", Text),
    Column("reason", Text),
    Column("source", Text),
    Column("changed_at", UTCDateTime, nullable=False),
)


# --- subscribers, their subscriptions, the notices armed for them, and the delivery outbox ---

subscriber = Table(
    "subscriber",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(320), unique=True),  # None: a channel-only subscriber
    Column("name", Text),
    Column("language", String(8), nullable=False, default="zh", server_default="zh"),
    Column("frequency", String(8), nullable=False, default="daily", server_default="daily"),
    Column("timezone", String(64), nullable=False, default="Asia/Shanghai", server_default="Asia/Shanghai"),
    Column("paused", Boolean, nullable=False, default=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(_in("language", ("zh", "en")), name="language"),
    CheckConstraint(_in("frequency", ("daily", "weekly")), name="frequency"),
)

# A chat or webhook destination of a subscriber (WeCom, DingTalk, Feishu/Lark, Slack, Teams, JSON).
# `url` holds the webhook key, token or signing secret and is read only by the channel's client; every
# listing, log line and error shows `label`, the masked form made when the channel was added.
channel = Table(
    "channel",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subscriber_id", Integer, ForeignKey("subscriber.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("url", Text, nullable=False),  # secret: never shown, logged or exported
    Column("label", Text, nullable=False),  # the masked URL
    Column("paused", Boolean, nullable=False, default=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(_in("kind", CHANNEL_KINDS), name="kind"),
    UniqueConstraint("subscriber_id", "url"),
)

# What a subscriber hears about: everything, one agency's measures, or one policy; optionally some kinds.
subscription = Table(
    "subscription",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subscriber_id", Integer, ForeignKey("subscriber.id", ondelete="CASCADE"), nullable=False),
    Column("scope", String(8), nullable=False),
    Column("agency_id", Integer, ForeignKey("agency.id", ondelete="CASCADE"), index=True),
    Column("policy_id", Integer, ForeignKey("policy.id", ondelete="CASCADE"), index=True),
    Column("kinds", Text, nullable=False, default="", server_default=""),  # comma list; empty = all kinds
    CheckConstraint(_in("scope", ("all", "agency", "policy")), name="scope"),
    UniqueConstraint("subscriber_id", "scope", "agency_id", "policy_id"),
)

# One reminder for one subscriber about one dated item, armed (written) before anything is sent.
# The unique key (subscriber, kind, item, the item's date, rule) makes arming idempotent, and including the
# item's date means a moved date arms fresh notices while the old ones stay as history.
notice = Table(
    "notice",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subscriber_id", Integer, ForeignKey("subscriber.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("item_id", Integer, nullable=False),  # policy id (expiry) or target id (target, check)
    Column("item_date", Date, nullable=False),  # the date the notice is about
    Column("rule", String(32), nullable=False),  # e.g. "before:90", "lapsed", "overdue:2", "changed"
    Column("fires_on", Date, nullable=False),  # the day the rule says it is due
    Column("armed_at", UTCDateTime, nullable=False),
    Column("message_id", Integer, ForeignKey("message.id", ondelete="SET NULL")),
    CheckConstraint(_in("kind", NOTICE_KINDS), name="kind"),
    UniqueConstraint("subscriber_id", "kind", "item_id", "item_date", "rule"),
    Index("ix_notice_subscriber_id_message_id", "subscriber_id", "message_id"),
)

# The delivery outbox: one digest, rendered and stored before it is sent, claimed by one sender.
# An email when `channel_id` is None, else a chat/webhook message whose `body_text` is a JSON list of the
# parts to post (a long digest split at item boundaries). The unique key is (subscriber, digest_key) and a
# channel's digest_key carries the channel (`daily:2026-11-21@7`), so there is one row per subscriber,
# channel and slot; the slot alone would leave email rows (channel NULL) unconstrained on both backends.
message = Table(
    "message",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("subscriber_id", Integer, ForeignKey("subscriber.id", ondelete="CASCADE"), nullable=False),
    Column("digest_key", String(64), nullable=False),  # the digest slot, e.g. "daily:2026-11-21", "...@7"
    Column("channel_id", Integer, ForeignKey("channel.id", ondelete="CASCADE")),
    # Parts of a split channel message already posted: a retry after part 2 of 3 failed posts part 2 onwards.
    Column("parts_sent", Integer, nullable=False, default=0, server_default="0"),
    Column("recipient", String(320), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body_text", Text, nullable=False),
    Column("body_html", Text, nullable=False),
    Column("status", String(16), nullable=False, default="pending", server_default="pending"),
    Column("attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("claimed_by", String(200)),
    Column("claim_expires_at", UTCDateTime),
    Column("smtp_message_id", String(320)),
    Column("sent_at", UTCDateTime),
    Column("last_error", Text),
    # The subscriber's one-click unsubscribe link (TRACKER_BASE_URL set), in the body and the List-Unsubscribe
    # header alike: stored with the message so what was composed is what is sent.
    Column("unsubscribe_url", Text),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(_in("status", MESSAGE_STATUSES), name="status"),
    UniqueConstraint("subscriber_id", "digest_key"),
    Index("ix_message_status_next_attempt_at", "status", "next_attempt_at"),
    # The claim query's order over the rows still to send (pending, or sending with a lease that may lapse):
    # a sender walks this small partial index in order instead of sorting every due row.
    Index("ix_message_due", "next_attempt_at", "id",
          sqlite_where=text("status IN ('pending', 'sending')"),
          postgresql_where=text("status IN ('pending', 'sending')")),
)


# --- the scheduler's own bookkeeping: job runs, live scheduler processes (heartbeats) and leases ---

# The last run of one scheduler job (one row per job name, across all processes).
scheduler_job = Table(
    "scheduler_job",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("last_started_at", UTCDateTime),
    Column("last_finished_at", UTCDateTime),
    Column("last_outcome", String(16)),
    Column("last_did_work", Boolean, nullable=False, default=False, server_default="0"),
    Column("last_error", Text),
    Column("last_process", String(200)),
    Column("next_run_at", UTCDateTime),
    Column("runs", Integer, nullable=False, default=0, server_default="0"),
    Column("failures", Integer, nullable=False, default=0, server_default="0"),
    CheckConstraint(_in("last_outcome", JOB_OUTCOMES), name="last_outcome"),
)

# One scheduler process: its heartbeat says it is alive; `stopped_at` says it left cleanly.
scheduler_process = Table(
    "scheduler_process",
    metadata,
    Column("id", String(200), primary_key=True),  # host:pid:random
    Column("host", String(200), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("beat_at", UTCDateTime, nullable=False),
    Column("stopped_at", UTCDateTime),
)

# Leadership of a group of jobs: held by one process until `expires_at`, renewed while it runs them.
scheduler_lease = Table(
    "scheduler_lease",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("acquired_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)


# --- watched official sources (feeds and listing pages), every document URL they led to, and what changed ---

source = Table(
    "source",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    # The agency publishing here: its subscribers hear of every new policy this source brings.
    Column("agency_id", Integer, ForeignKey("agency.id", ondelete="SET NULL")),
    Column("every_seconds", Integer, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("added_at", UTCDateTime, nullable=False),
    Column("checked_at", UTCDateTime),
    Column("check_outcome", String(16)),  # "ok", "not_modified", "failed"
    Column("check_error", Text),
    Column("last_new_at", UTCDateTime),
    Column("next_check_at", UTCDateTime, nullable=False, index=True),
    CheckConstraint(_in("kind", SOURCE_KINDS), name="kind"),
)

source_entry = Table(
    "source_entry",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("source.id", ondelete="CASCADE"), nullable=False, index=True),
    # One row per document URL whatever source listed it: a URL is fetched once.
    Column("url", String(2048), nullable=False, unique=True),
    Column("title", Text),
    Column("status", String(16), nullable=False),
    Column("reason", Text),
    Column("sha256", String(64)),
    Column("attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("tried_at", UTCDateTime),
    Column("source_document_id", Integer, ForeignKey("source_document.id", ondelete="SET NULL")),
    CheckConstraint(_in("status", ENTRY_STATUSES), name="status"),
)

source_finding = Table(
    "source_finding",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", Integer, ForeignKey("source_entry.id", ondelete="CASCADE"), nullable=False),
    Column("policy_id", Integer, ForeignKey("policy.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("change", String(16), nullable=False),
    Column("found_at", UTCDateTime, nullable=False),
    CheckConstraint(_in("change", FINDING_CHANGES), name="change"),
    UniqueConstraint("entry_id", "policy_id", "change"),
    Index("ix_source_finding_found_at", "found_at"),
)


# --- calendar feed tokens (one secret URL per subscriber, kept only as a SHA-256 digest) and signing keys ---

# The token itself is shown once and never stored, so neither a database dump nor `tracker export` can
# reveal it; rotating replaces the row and the old URL stops working.
feed_token = Table(
    "feed_token",
    metadata,
    Column("subscriber_id", Integer, ForeignKey("subscriber.id", ondelete="CASCADE"), primary_key=True),
    Column("token_sha256", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

# A secret this installation signs links with (one-click unsubscribe), made at random on first use and shared
# by every process on the database. Never printed, logged or exported.
site_key = Table(
    "site_key",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("secret", String(128), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)
