"""DingTalk (钉钉) custom robot: markdown messages, signed with the robot's secret.

Documented at https://open.dingtalk.com/document/robots/custom-robot-access: POST to
https://oapi.dingtalk.com/robot/send?access_token=TOKEN, with `timestamp` (ms) and `sign` query parameters when
the robot has 加签 on: sign = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"))).
Errors come back as HTTP 200 with a non-zero `errcode` (310000: bad signature or keyword, 130101: too fast).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import parse_qs, quote_plus, urlsplit

from tracker.clock import utc_now
from tracker.channels.base import ChannelSpec, HttpPoster, body_error, body_json

KIND = "dingtalk"
SCHEMES = ("dingtalk",)
HOSTS = ("oapi.dingtalk.com",)
API = "https://oapi.dingtalk.com/robot/send?access_token={token}"
MARKDOWN = True
LIMIT = 18000  # bytes; the documented request limit is 20,000
MAX_PARTS = 5
TRANSIENT = (-1, 130101)


def parse(url: str) -> ChannelSpec:
    """dingtalk://TOKEN, dingtalk://SECRET@TOKEN (apprise), dingtalk://TOKEN/SECRET, or the robot's https URL
    with an added `secret=` parameter."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.scheme in SCHEMES:
        secret = parts.username or (query.pop("secret", [None])[0])
        token = parts.hostname and parts.netloc.rsplit("@", 1)[-1]
        path = [p for p in parts.path.split("/") if p]
        if len(path) > 1:
            raise ValueError("a DingTalk channel is dingtalk://TOKEN[/SECRET]")
        if path:
            secret = path[0]
    else:
        if parts.path.rstrip("/") != "/robot/send":
            raise ValueError("a DingTalk webhook URL looks like https://oapi.dingtalk.com/robot/send?access_token=TOKEN")
        token = (query.pop("access_token", [""]))[0]
        secret = query.pop("secret", [None])[0]
    if set(query):
        raise ValueError(f"a DingTalk robot takes no option {sorted(query)[0]!r}")
    if not token:
        raise ValueError("the DingTalk access token is missing (dingtalk://TOKEN[/SECRET])")
    if secret is not None and not secret.startswith("SEC"):
        raise ValueError("a DingTalk signing secret starts with SEC (copy it from the robot's 加签 setting)")
    label = "https://oapi.dingtalk.com/…access_token=****" + (" (signed)" if secret else "")
    return ChannelSpec(KIND, API.format(token=token), secret=secret, label=label,
                       secrets=tuple(s for s in (token, secret) if s))


def sign(secret: str, timestamp_ms: int) -> str:
    to_sign = f"{timestamp_ms}\n{secret}".encode("utf-8")
    digest = hmac.new(secret.encode("utf-8"), to_sign, hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest))


def post(poster: HttpPoster, spec: ChannelSpec, url: str, title: str, text: str) -> None:
    if spec.secret:
        stamp = int(utc_now().timestamp() * 1000)  # signed at the moment of posting: the robot refuses a timestamp more than an hour off
        url = f"{url}&timestamp={stamp}&sign={sign(spec.secret, stamp)}"
    response = poster.post(spec, url, {"msgtype": "markdown", "markdown": {"title": title, "text": text}})
    data = body_json(spec, response)
    body_error(spec, data.get("errcode"), data.get("errmsg"), transient_codes=TRANSIENT)
