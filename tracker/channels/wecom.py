"""WeCom (企业微信) group bot: POST {"msgtype": "markdown", "markdown": {"content": ...}} to the webhook.

Documented at https://developer.work.weixin.qq.com/document/path/91770: the key is the `key` query parameter,
markdown content at most 4096 bytes (UTF-8), 20 messages a minute per bot, and errors come back as HTTP 200
with a non-zero `errcode` (93000: invalid webhook URL, 45009: over the rate limit).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tracker.channels.base import ChannelSpec, HttpPoster, body_error, body_json, token_label

KIND = "wecom"
SCHEMES = ("wecombot", "wxwork", "wecom")
HOSTS = ("qyapi.weixin.qq.com",)
API = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={key}"
MARKDOWN = True
LIMIT = 4096  # bytes of content
MAX_PARTS = 5
TRANSIENT = (-1, 45009)


def parse(url: str) -> ChannelSpec:
    parts = urlsplit(url)
    if parts.scheme in SCHEMES:
        key = (parts.netloc + parts.path).strip("/")
        if parts.query:
            raise ValueError("a WeCom bot takes no options and no signing secret (wecombot://KEY)")
    else:
        if parts.path.rstrip("/") != "/cgi-bin/webhook/send":
            raise ValueError("a WeCom webhook URL looks like https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY")
        query = parse_qs(parts.query)
        if set(query) - {"key"}:
            raise ValueError("a WeCom bot takes only the key parameter (no signing secret)")
        key = (query.get("key") or [""])[0]
    if not key or "/" in key:
        raise ValueError("the WeCom bot key is missing (wecombot://KEY)")
    return ChannelSpec(KIND, API.format(key=key), label="https://qyapi.weixin.qq.com/…key=****", secrets=(key,))


def post(poster: HttpPoster, spec: ChannelSpec, url: str, title: str, text: str) -> None:
    response = poster.post(spec, url, {"msgtype": "markdown", "markdown": {"content": text}})
    data = body_json(spec, response)
    body_error(spec, data.get("errcode"), data.get("errmsg"), transient_codes=TRANSIENT)
