"""Settings from the environment. Read once, at the edge (a command or a job), then passed down.

Nothing here imports SQLAlchemy, so `tracker --help` stays fast.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tracker.errors import ConfigError

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_INGEST_MAX_MB = 20


def default_home(env: Mapping[str, str]) -> Path:
    """Where the embedded defaults live: $TRACKER_HOME, else $XDG_DATA_HOME/tracker, else ~/.local/share/tracker."""
    if env.get("TRACKER_HOME"):
        return Path(env["TRACKER_HOME"]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "tracker"


def load_zone(name: str, what: str = "TRACKER_TIMEZONE") -> ZoneInfo:
    """A ZoneInfo for an IANA name, or a ConfigError naming the setting."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{what}: unknown time zone {name!r} (use an IANA name such as Asia/Shanghai)") from None


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str | None
    # repr=False: settings objects end up in log lines and tracebacks; the password must not.
    password: str | None = field(repr=False)
    tls: str  # "starttls" | "ssl" | "none"
    timeout: float = 30.0


@dataclass(frozen=True)
class Settings:
    database_url: str
    timezone: str
    home: Path
    outbox_dir: Path
    mail_from: str
    smtp: SmtpSettings | None
    env: Mapping[str, str] = field(repr=False, default_factory=dict)
    ingest_max_bytes: int = DEFAULT_INGEST_MAX_MB * 2**20  # a larger file is refused before it is read

    @property
    def zone(self) -> ZoneInfo:
        return load_zone(self.timezone)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def load_settings(env: Mapping[str, str] | None = None, *, database_url: str | None = None) -> Settings:
    """Build settings from environment variables; `database_url` (the --db option) wins over the environment."""
    env = dict(os.environ if env is None else env)
    home = default_home(env)
    url = database_url or env.get("TRACKER_DATABASE_URL") or sqlite_url(home / "tracker.db")
    url = normalise_database_url(url)
    tz = env.get("TRACKER_TIMEZONE") or DEFAULT_TIMEZONE
    load_zone(tz)
    outbox = Path(env["TRACKER_OUTBOX_DIR"]).expanduser() if env.get("TRACKER_OUTBOX_DIR") else home / "outbox"
    return Settings(
        database_url=url,
        timezone=tz,
        home=home,
        outbox_dir=outbox,
        mail_from=_mail_from(env),
        smtp=_smtp_settings(env),
        env=env,
        ingest_max_bytes=_ingest_max_bytes(env),
    )


def _number(env: Mapping[str, str], name: str, default: float, high: float, what: str, kind=float) -> float:
    """A positive number from `name` (at most `high`), else a ConfigError saying what was expected."""
    raw = env.get(name) or str(default)
    try:
        value = kind(raw)
        if not 0 < value <= high:
            raise ValueError
    except ValueError:
        raise ConfigError(f"{name}: expected {what}, got {raw!r}") from None
    return value


def _ingest_max_bytes(env: Mapping[str, str]) -> int:
    megabytes = _number(env, "TRACKER_INGEST_MAX_MB", DEFAULT_INGEST_MAX_MB, 1024, "megabytes between 0 and 1024")
    return int(megabytes * 2**20)


def _mail_from(env: Mapping[str, str]) -> str:
    value = env.get("TRACKER_MAIL_FROM") or "tracker@localhost"
    # A From header is built from it: a CR or LF (or any control character) would be header injection, and
    # silently replacing it would send mail from an address nobody configured. Bad configuration, refused.
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ConfigError("TRACKER_MAIL_FROM: must be one line without control characters (CR, LF, tab ...)")
    return value


def normalise_database_url(url: str) -> str:
    """Accept a bare file path for SQLite and plain postgresql:// URLs (driven by psycopg 3); refuse others."""
    if "://" not in url:
        return sqlite_url(Path(url).expanduser())
    scheme = url.split("://", 1)[0].lower()
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if scheme not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise ConfigError(
            f"database URL: {scheme}:// is not supported; use a SQLite file (sqlite:///PATH or a bare path) or "
            "postgresql://USER@HOST/DB"
        )
    return url


# Every TRACKER_* variable the tracker reads (tests/unit/test_config.py checks the code names no other), so
# a misspelt one is pointed out instead of being silently ignored.
KNOWN_VARIABLES = frozenset({
    "TRACKER_HOME", "TRACKER_DATABASE_URL", "TRACKER_TIMEZONE", "TRACKER_LANG", "TRACKER_OUTBOX_DIR", "TRACKER_MAIL_FROM",
    "TRACKER_SMTP_HOST", "TRACKER_SMTP_PORT", "TRACKER_SMTP_TLS", "TRACKER_SMTP_USER", "TRACKER_SMTP_PASSWORD",
    "TRACKER_SMTP_TIMEOUT", "TRACKER_INGEST_MAX_MB", "TRACKER_BASE_URL",
    "TRACKER_SOURCES_INTERVAL", "TRACKER_FETCH_INTERVAL", "TRACKER_FETCH_MAX_BYTES", "TRACKER_FETCH_RETRIES", "TRACKER_FETCH_TIMEOUT",
    "TRACKER_EXPIRY_NOTICE_DAYS", "TRACKER_TARGET_NOTICE_DAYS", "TRACKER_CHECK_NOTICE_DAYS",
    "TRACKER_OVERDUE_EVERY_DAYS", "TRACKER_OVERDUE_CAP", "TRACKER_LAPSED_NOTICE_GRACE_DAYS",
    "TRACKER_DIGEST_TIME", "TRACKER_WEEKLY_DAY", "TRACKER_DELIVERY_INTERVAL", "TRACKER_COMPOSE_INTERVAL",
    "TRACKER_REFRESH_INTERVAL", "TRACKER_HEARTBEAT_INTERVAL", "TRACKER_SCHEDULER_LEASE", "TRACKER_DELIVERY_LEASE",
    "TRACKER_CHANNEL_TIMEOUT", "TRACKER_CHANNEL_API_WECOM", "TRACKER_CHANNEL_API_DINGTALK",
    "TRACKER_CHANNEL_API_FEISHU", "TRACKER_CHANNEL_API_LARK", "TRACKER_CHANNEL_API_SLACK", "TRACKER_CHANNEL_API_MSTEAMS",
    # the test suite's own (CI sets them for every command it runs)
    "TRACKER_TEST_PG_URL", "TRACKER_REQUIRE_PG", "TRACKER_REQUIRE_BROWSER",
})


def unknown_variables(env: Mapping[str, str]) -> list[str]:
    """TRACKER_* names in `env` that the tracker does not read, each with the known name it resembles."""
    import difflib

    out = []
    for name in sorted(n for n in env if n.startswith("TRACKER_") and n not in KNOWN_VARIABLES):
        close = difflib.get_close_matches(name, KNOWN_VARIABLES, n=1)
        out.append(f"{name} (did you mean {close[0]}?)" if close else name)
    return out


def _smtp_settings(env: Mapping[str, str]) -> SmtpSettings | None:
    host = env.get("TRACKER_SMTP_HOST")
    if not host:
        return None
    tls = (env.get("TRACKER_SMTP_TLS") or "starttls").lower()
    if tls not in ("starttls", "ssl", "none"):
        raise ConfigError(f"TRACKER_SMTP_TLS: expected starttls, ssl or none, got {tls!r}")
    default_port = {"starttls": 587, "ssl": 465, "none": 25}[tls]
    port = _number(env, "TRACKER_SMTP_PORT", default_port, 65535, "a port number", kind=int)
    timeout = _number(env, "TRACKER_SMTP_TIMEOUT", 30, 600, "seconds between 0 and 600")
    return SmtpSettings(
        host=host,
        port=port,
        timeout=timeout,
        user=env.get("TRACKER_SMTP_USER") or None,
        password=env.get("TRACKER_SMTP_PASSWORD") or None,
        tls=tls,
    )
