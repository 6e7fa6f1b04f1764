"""Feishu (飞书) and Lark custom bots: text messages, signed with the bot's secret.

Documented at https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot: POST to
https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN (Lark: open.larksuite.com) a body
{"timestamp": "<seconds>", "sign": ..., "msg_type": "text", "content": {"text": ...}} where
sign = base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg=b"")). The request body is limited to 20 KB; the
answer says `code` 0 on success (older deployments: `StatusCode`), 19021 for a bad signature, 9499/11232 for
too many requests. A plain text message, because custom-bot markdown needs an interactive card.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, urlsplit

from tracker.clock import utc_now
from tracker.channels.base import ChannelSpec, HttpPoster, body_error, body_json

KIND = "feishu"
SCHEMES = ("feishu", "lark")
HOSTS = ("open.feishu.cn", "open.larksuite.com")
API = {"feishu": "https://open.feishu.cn/open-apis/bot/v2/hook/{token}",
       "lark": "https://open.larksuite.com/open-apis/bot/v2/hook/{token}"}
MARKDOWN = False
LIMIT = 18000  # bytes of text; the request body may be 20 KB
MAX_PARTS = 5
TRANSIENT = (9499, 11232)


def parse(url: str) -> ChannelSpec:
    """feishu://TOKEN, feishu://SECRET@TOKEN, feishu://TOKEN/SECRET, lark://..., or the hook's https URL with an
    added `secret=` parameter."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    secret = query.pop("secret", [None])[0]
    if parts.scheme in SCHEMES:
        kind = parts.scheme
        token = parts.netloc.rsplit("@", 1)[-1]
        secret = parts.username or secret
        path = [p for p in parts.path.split("/") if p]
        if len(path) > 1:
            raise ValueError(f"a Feishu/Lark channel is {kind}://TOKEN[/SECRET]")
        if path:
            secret = path[0]
    else:
        kind = "lark" if parts.hostname == "open.larksuite.com" else "feishu"
        prefix = "/open-apis/bot/v2/hook/"
        if not parts.path.startswith(prefix):
            raise ValueError("a Feishu webhook URL looks like https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN")
        token = parts.path[len(prefix):].strip("/")
    if set(query):
        raise ValueError(f"a Feishu/Lark bot takes no option {sorted(query)[0]!r}")
    if not token or "/" in token:
        raise ValueError("the Feishu/Lark hook token is missing (feishu://TOKEN[/SECRET])")
    host = urlsplit(API[kind]).hostname
    label = f"https://{host}/open-apis/bot/v2/hook/****" + (" (signed)" if secret else "")
    return ChannelSpec(kind, API[kind].format(token=token), secret=secret, label=label,
                       secrets=tuple(s for s in (token, secret) if s))


def sign(secret: str, timestamp_s: int) -> str:
    key = f"{timestamp_s}\n{secret}".encode("utf-8")
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


def post(poster: HttpPoster, spec: ChannelSpec, url: str, title: str, text: str) -> None:
    payload: dict = {"msg_type": "text", "content": {"text": text}}
    if spec.secret:
        stamp = int(utc_now().timestamp())  # signed at the moment of posting: the bot refuses a timestamp more than an hour off
        payload = {"timestamp": str(stamp), "sign": sign(spec.secret, stamp), **payload}
    data = body_json(spec, poster.post(spec, url, payload))
    code = data.get("code", data.get("StatusCode"))
    body_error(spec, code, data.get("msg", data.get("StatusMessage")), transient_codes=TRANSIENT)
