"""Channel URLs: apprise's forms and each service's own webhook URL, masked labels, one-line refusals."""

from __future__ import annotations

import pytest

from tracker.channels import parse_channel
from tracker.channels.base import mask_url, retry_after
from tracker.channels.dingtalk import sign as dingtalk_sign
from tracker.channels.feishu import sign as feishu_sign


@pytest.mark.parametrize("url, kind, endpoint", [
    ("wecombot://abc123", "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc123"),
    ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc123", "wecom",
     "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc123"),
    ("dingtalk://tok123", "dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=tok123"),
    ("dingtalk://SECxyz@tok123", "dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=tok123"),
    ("https://oapi.dingtalk.com/robot/send?access_token=tok123&secret=SECxyz", "dingtalk",
     "https://oapi.dingtalk.com/robot/send?access_token=tok123"),
    ("feishu://hook-123", "feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/hook-123"),
    ("lark://hook-123/sec", "lark", "https://open.larksuite.com/open-apis/bot/v2/hook/hook-123"),
    ("https://open.feishu.cn/open-apis/bot/v2/hook/hook-123", "feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/hook-123"),
    ("slack://T000/B000/XXXX", "slack", "https://hooks.slack.com/services/T000/B000/XXXX"),
    ("https://hooks.slack.com/services/T000/B000/XXXX", "slack", "https://hooks.slack.com/services/T000/B000/XXXX"),
    ("msteams://acme/a1/b2/c3", "msteams", "https://acme.webhook.office.com/webhookb2/a1/IncomingWebhook/b2/c3"),
    ("json://127.0.0.1:8080/hook", "json", "http://127.0.0.1:8080/hook"),
    ("jsons://hooks.example.org/in/abc", "json", "https://hooks.example.org/in/abc"),
])
def test_each_form_names_its_service_and_endpoint(url, kind, endpoint):
    spec = parse_channel(url)
    assert (spec.kind, spec.endpoint) == (kind, endpoint)


def test_signing_secrets_are_read_from_every_dingtalk_form():
    for url in ("dingtalk://SECxyz@tok", "dingtalk://tok/SECxyz", "dingtalk://tok?secret=SECxyz",
                "https://oapi.dingtalk.com/robot/send?access_token=tok&secret=SECxyz"):
        assert parse_channel(url).secret == "SECxyz"


@pytest.mark.parametrize("url", [
    "wecombot://topsecretkey", "dingtalk://topsecrettoken/SECtopsecret", "feishu://topsecrettoken/topsecretsign",
    "slack://topsecretA/topsecretB/topsecretC", "msteams://acme/topsecretA/topsecretB/topsecretC",
    "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=topsecretkey",
    "jsons://user:topsecretpw@hooks.example.org/in/topsecret123?token=topsecretq",
])
def test_labels_and_reprs_show_no_secret(url):
    spec = parse_channel(url)
    assert "topsecret" not in spec.label and "topsecret" not in repr(spec) and "****" in spec.label


@pytest.mark.parametrize("url, says", [
    ("ftp://example.org/x", "unsupported channel ftp://"),
    ("https://example.org/webhook?key=topsecret", "unsupported channel https://"),
    ("wecombot://", "key is missing"),
    ("wecombot://topsecret?secret=SECx", "no signing secret"),
    ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=topsecret&secret=SECx", "no signing secret"),
    ("slack://topsecret/B", "three tokens"),
    ("slack://A/B/topsecret?secret=x", "no signing secret"),
    ("dingtalk://topsecret/notasecret", "starts with SEC"),
    ("json://hooks.example.org/topsecret", "only allowed to a loopback host"),
    ("not a url topsecret", "unsupported channel"),
])
def test_bad_channels_are_refused_in_one_line_that_does_not_echo_the_url(url, says):
    with pytest.raises(ValueError) as caught:
        parse_channel(url)
    message = str(caught.value)
    assert says in message and "\n" not in message and "topsecret" not in message


def test_signatures_follow_the_vendors_examples():
    # DingTalk: base64(HMAC-SHA256(secret, f"{ts}\n{secret}")), url-encoded; Feishu: key f"{ts}\n{secret}", empty msg
    import base64
    import hashlib
    import hmac
    from urllib.parse import unquote_plus

    raw = hmac.new(b"SECabc", b"1700000000000\nSECabc", hashlib.sha256).digest()
    assert unquote_plus(dingtalk_sign("SECabc", 1700000000000)) == base64.b64encode(raw).decode()
    raw = hmac.new(b"1700000000\nabc", b"", hashlib.sha256).digest()
    assert feishu_sign("abc", 1700000000) == base64.b64encode(raw).decode()


def test_retry_after_reads_seconds_and_http_dates():
    from datetime import datetime, timedelta, timezone

    assert retry_after("30") == timedelta(seconds=30)
    now = datetime(2025, 1, 1, tzinfo=timezone.utc)
    assert retry_after("Wed, 01 Jan 2025 00:01:00 GMT", now) == timedelta(minutes=1)
    assert retry_after("soon") is None and retry_after(None) is None


def test_mask_url_keeps_the_host_and_hides_tokens():
    assert mask_url("https://u:p@h.example:8443/in/abc123?token=x&mode=y") == "https://h.example:8443/in/****?token=****&mode=****"
