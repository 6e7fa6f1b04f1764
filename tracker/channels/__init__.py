"""Chat and webhook channels: one module per service behind one interface, used by the outbox like SMTP.

Each service module has KIND, MARKDOWN (whether it renders markdown), LIMIT (bytes, or characters where
LIMIT_UNIT says so, of one message's text), MAX_PARTS, `parse(url) -> ChannelSpec` and
`post(poster, spec, url, title, text)`, raising TransportError(permanent=...). httpx is imported only when a
channel message is actually sent (`tracker --help` stays light).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from urllib.parse import urlsplit

from tracker.channels.base import ChannelSpec, with_base
from tracker.reminders.transport import TransportError

MODULES = {"wecom": "wecom", "dingtalk": "dingtalk", "feishu": "feishu", "lark": "feishu", "slack": "slack",
           "msteams": "msteams", "json": "webhook"}
_BY_SCHEME = {"wecombot": "wecom", "wxwork": "wecom", "wecom": "wecom", "dingtalk": "dingtalk",
              "feishu": "feishu", "lark": "feishu", "slack": "slack", "msteams": "msteams", "json": "webhook",
              "jsons": "webhook"}
_BY_HOST = {"qyapi.weixin.qq.com": "wecom", "oapi.dingtalk.com": "dingtalk", "open.feishu.cn": "feishu",
            "open.larksuite.com": "feishu", "hooks.slack.com": "slack"}
SUPPORTED = "wecombot://, dingtalk://, feishu://, lark://, slack://, msteams://, json://, jsons:// or the service's https webhook URL"


def module(kind: str) -> ModuleType:
    return importlib.import_module(f"tracker.channels.{MODULES[kind]}")


def parse_channel(url: str) -> ChannelSpec:
    """The channel a URL names; ValueError with one line (never echoing the URL, which holds secrets)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    name = _BY_SCHEME.get(scheme)
    if name is None and scheme == "https":
        host = (parts.hostname or "").lower()
        name = _BY_HOST.get(host)
        if name is None and importlib.import_module("tracker.channels.msteams").handles(host):
            name = "msteams"
    if name is None:
        shown = f"{scheme}://" if scheme else "a URL without a scheme"
        raise ValueError(f"unsupported channel {shown} (use {SUPPORTED})")
    try:
        return importlib.import_module(f"tracker.channels.{name}").parse(url)
    except ValueError:
        raise
    except Exception:  # noqa: BLE001 - urllib's own errors quote the URL
        raise ValueError("malformed channel URL") from None


def endpoint_for(spec: ChannelSpec, env) -> str:
    """Where to post: the service's URL, or TRACKER_CHANNEL_API_<KIND> (scheme://host:port) in its place."""
    return with_base(spec.endpoint, (env or {}).get(f"TRACKER_CHANNEL_API_{spec.kind.upper()}"))


def channel_timeout(env) -> float:
    from tracker.errors import ConfigError

    raw = (env or {}).get("TRACKER_CHANNEL_TIMEOUT") or "10"
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise ConfigError(f"TRACKER_CHANNEL_TIMEOUT: expected a positive number of seconds, got {raw!r}")
    return value


class ChannelTransport:
    """Posts channel messages (the parts stored in the outbox row) over one reused HTTP connection pool."""

    def __init__(self, env=None, timeout: float | None = None):
        self.env = env or {}
        self.timeout = timeout if timeout is not None else channel_timeout(self.env)
        self._poster = None

    def close(self) -> None:
        if self._poster is not None:
            self._poster.close()
            self._poster = None

    def send(self, message) -> str:
        """Post every part of `message` to its channel; an id naming what was sent."""
        import json

        from tracker.channels.base import HttpPoster

        channel = message.channel
        spec = parse_channel(channel.url)
        if self._poster is None:
            self._poster = HttpPoster(self.timeout)
        service = module(spec.kind)
        url = endpoint_for(spec, self.env)
        parts = json.loads(message.body_text)
        done = getattr(message, "parts_sent", 0) or 0  # posted by an earlier attempt
        for number, text in enumerate(parts, 1):
            if number <= done:
                continue
            title = message.subject if len(parts) == 1 else f"{message.subject} ({number}/{len(parts)})"
            try:
                service.post(self._poster, spec, url, title, text)
            except TransportError as exc:
                exc.parts_sent = number - 1
                raise
        return f"{spec.kind}:{message.id}:{len(parts)}"
