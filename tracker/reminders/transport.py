"""Getting a stored message to its recipient: SMTP, or `.eml` files in the outbox folder when no SMTP host is set.

Errors are sorted into transient (4xx replies, refused connections, timeouts: retry later) and permanent
(5xx replies: mark failed, show the user), after healthchecks' TransportError(permanent=...).
"""

from __future__ import annotations

import functools
import ipaddress
import os
import re
import secrets
import smtplib
import socket
import ssl
from email.header import decode_header, make_header
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage
from email.policy import default as _default_policy
from email.utils import formatdate
from pathlib import Path

from tracker.config import Settings, SmtpSettings
from tracker.errors import ConfigError

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


class TransportError(Exception):
    """A failed send: permanent (record and show) or transient (retry; after `retry_after` when the server said)."""

    def __init__(self, message: str, *, permanent: bool, retry_after=None, parts_sent: int | None = None):
        super().__init__(message)
        self.permanent = permanent
        self.retry_after = retry_after  # a timedelta from the server's Retry-After, or None for our back-off
        self.parts_sent = parts_sent  # of a split message, how many parts are out (the retry starts after them)


class _HeaderClasses(HeaderRegistry):
    """The standard header registry, but each header's class is built once (the stdlib builds a new class for
    every header it parses or writes, `type(...)` in HeaderRegistry.__getitem__), and a header that every
    message of a pass carries (From, Auto-Submitted, List-Unsubscribe, the parts' Content-Type ...) is parsed
    once: header objects are immutable strings, so messages can share them. Together a third of the cost of
    writing a digest email. The headers, and so the bytes sent, are the same."""

    _MOST_KEPT = 512  # parsed headers kept; the unique ones (To, Date, Message-ID) would otherwise pile up

    def __init__(self):
        super().__init__()
        self._classes: dict[str, type] = {}
        self._parsed: dict[tuple[str, str], object] = {}

    def __getitem__(self, name):
        key = name.lower()
        cls = self._classes.get(key)
        if cls is None:
            cls = self._classes[key] = super().__getitem__(name)
        return cls

    def __call__(self, name, value):
        if type(value) is not str:
            return super().__call__(name, value)
        header = self._parsed.get((name, value))
        if header is None:
            if len(self._parsed) >= self._MOST_KEPT:
                self._parsed.clear()
            header = self._parsed[(name, value)] = super().__call__(name, value)
        return header


MAIL_POLICY = _default_policy.clone(header_factory=_HeaderClasses())


def header_safe(value: str) -> str:
    """A value fit for a header: encoded words decoded first (so =?UTF-8?Q?=0A?= cannot smuggle a newline
    through), then every CR, LF and other control character replaced by a space."""
    text = str(value or "")
    try:
        text = str(make_header(decode_header(text)))
    except Exception:  # noqa: BLE001 - a malformed encoded word is kept as the literal text
        pass
    return " ".join(_CONTROL.sub(" ", text).split())


@functools.lru_cache(maxsize=8)  # one sender address per pass, asked for every message's Message-ID
def _address_domain(mail_from: str) -> str:
    from email.utils import parseaddr

    address = parseaddr(header_safe(mail_from))[1]
    domain = address.rpartition("@")[2].strip().lower()
    return domain if re.fullmatch(r"[a-z0-9.-]+", domain or "") else "localhost"


def message_id_for(message, mail_from: str = "tracker@localhost") -> str:
    """Stable per stored message, so a resend after a crash carries the same Message-ID (receivers can dedupe);
    on the From address's domain, as spam filters expect."""
    key = re.sub(r"[^A-Za-z0-9.-]", ".", message.digest_key)
    return f"<digest.{message.id}.{key}@{_address_domain(mail_from)}>"


def build_email(message, mail_from: str, *, zone=None, now=None) -> EmailMessage:
    """The email for a stored message. `zone` is the sender's zone (TRACKER_TIMEZONE) for the Date header;
    `now` the moment of sending (read by the caller, the transport, at its edge)."""
    from email.utils import format_datetime

    from tracker.clock import utc_now
    from urllib.parse import quote

    email = EmailMessage(policy=MAIL_POLICY)
    email["From"] = header_safe(mail_from)
    email["To"] = header_safe(message.recipient)
    email["Subject"] = header_safe(message.subject)
    moment = now or utc_now()  # the moment of sending, read at this edge
    email["Date"] = format_datetime(moment.astimezone(zone)) if zone is not None else formatdate(localtime=False)
    email["Message-ID"] = message_id_for(message, mail_from)
    # A digest is machine-written: no auto-replies to it, and mail programs offer an unsubscribe button: one
    # click (RFC 8058) when the message carries the subscriber's link, else a mail to the sender (who pauses
    # the subscription: `tracker subscribers pause`).
    email["Auto-Submitted"] = "auto-generated"
    sender = header_safe(mail_from)
    from email.utils import parseaddr

    address = parseaddr(sender)[1] or sender
    mailto = f"<mailto:{quote(address, safe='@')}?subject=unsubscribe>"
    link = header_safe(getattr(message, "unsubscribe_url", None) or "")
    if link.startswith(("https://", "http://")) and not re.search(r"[\s<>]", link):
        email["List-Unsubscribe"] = f"<{link}>, {mailto}"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    else:
        email["List-Unsubscribe"] = mailto
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    # Our own random boundary: left unset, the generator builds one and compiles a fresh regular expression per
    # message to prove it absent from the parts. 128 random bits, drawn after the parts were written, cannot
    # be in them except by a chance of 2^-128: not even text chosen to break the message can aim at them.
    email.set_boundary(f"=_tracker_{secrets.token_hex(16)}")
    return email


class OutboxFolder:
    """The embedded default: each message written atomically as an .eml file."""

    def __init__(self, folder: Path, mail_from: str):
        self.folder = Path(folder)
        self.mail_from = mail_from

    def describe(self) -> str:
        return f"outbox folder {self.folder}"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return None

    def send(self, message) -> str:
        email = build_email(message, self.mail_from, zone=getattr(self, "zone", None))
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            safe_key = re.sub(r"[^A-Za-z0-9-]", "_", message.digest_key)
            final = self.folder / f"{message.id:08d}-{safe_key}.eml"
            tmp = final.with_suffix(".eml.tmp")
            tmp.write_bytes(email.as_bytes())
            os.replace(tmp, final)
        except OSError as exc:
            raise TransportError(f"cannot write to {self.folder}: {exc.strerror or exc}", permanent=False) from None
        return email["Message-ID"]


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SmtpTransport:
    """SMTP with verified TLS (STARTTLS or implicit); plain only to a loopback host. One connection per pass."""

    def __init__(self, config: SmtpSettings, mail_from: str):
        if config.tls == "none" and not is_loopback(config.host):
            raise ConfigError(
                f"TRACKER_SMTP_TLS=none is only allowed for a loopback host, not {config.host!r} (use starttls or ssl)"
            )
        self.config = config
        self.mail_from = mail_from
        self._smtp: smtplib.SMTP | None = None

    def describe(self) -> str:
        return f"SMTP {self.config.host}:{self.config.port} ({self.config.tls})"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._smtp = None

    def _stale(self) -> bool:
        """Whether the server has closed the connection we kept: it said something (421) or hung up while
        we were not talking. A poll of the socket, no round trip."""
        import select

        sock = getattr(self._smtp, "sock", None)
        if sock is None:
            return True
        try:
            readable, _, _ = select.select([sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)  # an idle SMTP server sends nothing unless it is going away

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        context = ssl.create_default_context()
        try:
            if cfg.tls == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=context)
            else:
                smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
                if cfg.tls == "starttls":
                    smtp.starttls(context=context)
            if cfg.user:
                smtp.login(cfg.user, cfg.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            # Never echo the password; the server's reply code says enough.
            raise TransportError(f"SMTP login as {cfg.user!r} refused ({exc.smtp_code})", permanent=False) from None
        except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
            raise TransportError(f"cannot connect to {self.describe()}: {_reason(exc)}", permanent=False) from None
        return smtp

    def send(self, message) -> str:
        email = build_email(message, self.mail_from, zone=getattr(self, "zone", None))
        if self._smtp is None:
            self._smtp = self._connect()
        elif self._stale():
            # The server closed the connection we kept (an idle time-out, a restart) before this message began:
            # nothing of it was sent, so it goes on a new connection.
            self.close()
            self._smtp = self._connect()
        try:
            refused = self._smtp.send_message(email)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            raise TransportError(f"recipient refused: {code} {_text(reply)}", permanent=code >= 500) from None
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code >= 500:
                raise TransportError(f"refused: {exc.smtp_code} {_text(exc.smtp_error)}", permanent=True) from None
            if exc.smtp_code == 421:  # the server is closing the connection; the next message opens another
                self.close()
            raise TransportError(f"deferred: {exc.smtp_code} {_text(exc.smtp_error)}", permanent=False) from None
        except (smtplib.SMTPException, OSError, socket.timeout) as exc:
            self.close()
            raise TransportError(f"delivery interrupted: {_reason(exc)}", permanent=False) from None
        if refused:
            code, reply = next(iter(refused.values()))
            raise TransportError(f"recipient refused: {code} {_text(reply)}", permanent=code >= 500)
        return email["Message-ID"]


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


class Dispatch:
    """The outbox's one transport: each message goes by its channel, email (SMTP or the folder) or a chat or
    webhook service (tracker.channels, loaded at the first channel message). The outbox does not know which."""

    def __init__(self, email, env=None):
        self.email = email
        self.env = env or {}
        self._channels = None

    def describe(self) -> str:
        return self.email.describe() + (" and chat/webhook channels" if self._channels is not None else "")

    def __enter__(self):
        self.email.__enter__()
        return self

    def __exit__(self, *exc):
        try:
            if self._channels is not None:
                self._channels.close()  # the connections; the transport stays, so describe() still tells
        finally:
            self.email.__exit__(*exc)

    def send(self, message) -> str:
        if message.channel_id is None:
            return self.email.send(message)
        if self._channels is None:
            from tracker.channels import ChannelTransport

            self._channels = ChannelTransport(self.env)
        return self._channels.send(message)


def make_transport(settings: Settings):
    """Email by SMTP when TRACKER_SMTP_HOST is set, else to the outbox folder (TRACKER_OUTBOX_DIR); channel
    messages by HTTP to their service. Channel settings are checked here, at wiring, not mid-pass."""
    from tracker.channels import channel_timeout

    channel_timeout(settings.env)
    email = (SmtpTransport(settings.smtp, settings.mail_from) if settings.smtp is not None
             else OutboxFolder(settings.outbox_dir, settings.mail_from))
    email.zone = settings.zone  # the Date header is written in the sender's zone
    return Dispatch(email, settings.env)
