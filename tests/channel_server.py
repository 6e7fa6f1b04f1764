"""A local HTTP server in the test process that answers as WeCom, DingTalk, Feishu/Lark, Slack, Teams and a
generic JSON webhook would: it checks each service's documented payload shape and signature, records every
request, and answers from a script (200, 200 with an error code, 429 with Retry-After, 500, or a hang)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

DINGTALK_SECRET = "SECdingtalk0123456789abcdef"
FEISHU_SECRET = "feishuSecret0123456789"


@dataclass
class Reply:
    status: int = 200
    body: str | dict = ""
    headers: dict = field(default_factory=dict)
    hang: float = 0.0  # seconds to wait before answering


@dataclass
class Request:
    service: str
    path: str
    query: dict
    body: dict
    problems: list[str]  # payload or signature checks that failed


def service_of(path: str) -> str:
    if path == "/cgi-bin/webhook/send":
        return "wecom"
    if path == "/robot/send":
        return "dingtalk"
    if path.startswith("/open-apis/bot/v2/hook/"):
        return "feishu"
    if path.startswith("/services/"):
        return "slack"
    if path.startswith("/webhookb2/"):
        return "msteams"
    return "json"


def check(service: str, query: dict, body: dict) -> list[str]:
    """Problems with a request, by the vendor's documented format."""
    problems = []
    if service == "wecom":
        if not query.get("key"):
            problems.append("no key")
        if body.get("msgtype") != "markdown" or not isinstance(body.get("markdown", {}).get("content"), str):
            problems.append("not a markdown message")
        elif len(body["markdown"]["content"].encode("utf-8")) > 4096:
            problems.append("content over 4096 bytes")
    elif service == "dingtalk":
        if body.get("msgtype") != "markdown" or not body.get("markdown", {}).get("title") or "text" not in body.get("markdown", {}):
            problems.append("not a markdown message")
        if "sign" in query:
            stamp = query["timestamp"][0]
            expected = base64.b64encode(hmac.new(DINGTALK_SECRET.encode(), f"{stamp}\n{DINGTALK_SECRET}".encode(),
                                                 hashlib.sha256).digest()).decode()
            # parse_qs already decoded the query once; the sign was url-encoded by the sender
            if query["sign"][0] != expected:
                problems.append("bad signature")
            if abs(int(stamp) / 1000 - time.time()) > 3600:
                problems.append("timestamp off by more than an hour")
    elif service == "feishu":
        if body.get("msg_type") != "text" or not isinstance(body.get("content", {}).get("text"), str):
            problems.append("not a text message")
        if "sign" in body:
            stamp = body["timestamp"]
            key = f"{stamp}\n{FEISHU_SECRET}".encode()
            expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
            if body["sign"] != expected:
                problems.append("bad signature")
    elif service == "slack":
        if not isinstance(body.get("text"), str):
            problems.append("no text")
    elif service == "msteams":
        if body.get("@type") != "MessageCard" or not body.get("text"):
            problems.append("not a MessageCard")
    else:
        if set(body) != {"version", "title", "message", "type"}:
            problems.append("not the JSON webhook shape")
    return problems


def default_reply(service: str, problems: list[str]) -> Reply:
    if service in ("wecom", "dingtalk"):
        return Reply(body={"errcode": 310000 if problems else 0, "errmsg": "; ".join(problems) or "ok"})
    if service == "feishu":
        return Reply(body={"code": 19021 if problems else 0, "msg": "; ".join(problems) or "success", "data": {}})
    if problems:
        return Reply(400, "; ".join(problems))
    return Reply(body="ok" if service == "slack" else "1" if service == "msteams" else "")


class ChannelServer:
    def __init__(self):
        self.requests: list[Request] = []
        self.script: dict[str, list[Reply]] = {}  # service -> replies to give next, in order
        self.lock = threading.Lock()

    def reply_next(self, service: str, *replies: Reply) -> None:
        with self.lock:
            self.script.setdefault(service, []).extend(replies)

    def of(self, service: str) -> list[Request]:
        return [r for r in self.requests if r.service == service]

    def handle(self, path: str, raw_query: str, raw_body: bytes) -> Reply:
        service = service_of(path)
        query = parse_qs(raw_query)
        try:
            body = json.loads(raw_body.decode("utf-8"))
        except ValueError:
            body = {}
        problems = check(service, query, body)
        with self.lock:
            self.requests.append(Request(service, path, query, body, problems))
            scripted = self.script.get(service)
            return scripted.pop(0) if scripted else default_reply(service, problems)


def _handler(server: ChannelServer):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            reply = server.handle(parts.path, parts.query, self.rfile.read(length))
            if reply.hang:
                time.sleep(reply.hang)
            body = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
            data = body.encode("utf-8")
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):  # keep test output clean
            pass

    return Handler


@contextmanager
def channel_server():
    """(server, base URL) of a running channel server on a free loopback port."""
    state = ChannelServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def api_env(base: str) -> dict[str, str]:
    """Environment that sends every service's posts to the local server instead of the vendor."""
    return {f"TRACKER_CHANNEL_API_{kind}": base for kind in ("WECOM", "DINGTALK", "FEISHU", "LARK", "SLACK", "MSTEAMS")}


CHANNEL_URLS = {
    "wecom": "wecombot://wecomKEY0123456789",
    "dingtalk": f"dingtalk://dingTOKEN0123456789/{DINGTALK_SECRET}",
    "feishu": f"feishu://feishuTOKEN0123456789/{FEISHU_SECRET}",
    "slack": "slack://T0SLACKAAA/B0SLACKBBB/slackSECRETccc0123",
    "msteams": "https://acme.webhook.office.com/webhookb2/teamsGUID0123456789/IncomingWebhook/teamsB0123456789/teamsC0123456789",
}
SECRETS = ("wecomKEY0123456789", "dingTOKEN0123456789", DINGTALK_SECRET, "feishuTOKEN0123456789", FEISHU_SECRET,
           "slackSECRETccc0123", "teamsGUID0123456789", "teamsB0123456789", "teamsC0123456789", "jsonTOKEN0123456789")
