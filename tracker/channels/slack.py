"""Slack incoming webhook: POST {"text": ...} (mrkdwn) to https://hooks.slack.com/services/T/B/X.

Documented at https://api.slack.com/messaging/webhooks: the answer is the plain text `ok`; errors are 4xx with
a short code (`invalid_token`, `no_service`, `channel_not_found`), 429 with Retry-After when rate limited.
Slack truncates text beyond 40,000 characters and advises far shorter messages; we keep parts under 3,500.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tracker.channels.base import ChannelSpec, HttpPoster, scrub
from tracker.reminders.transport import TransportError

KIND = "slack"
SCHEMES = ("slack",)
HOSTS = ("hooks.slack.com",)
API = "https://hooks.slack.com/services/{path}"
MARKDOWN = True
LIMIT = 3500  # characters
LIMIT_UNIT = "chars"
MAX_PARTS = 5


def parse(url: str) -> ChannelSpec:
    """slack://TokenA/TokenB/TokenC (apprise) or https://hooks.slack.com/services/TokenA/TokenB/TokenC."""
    parts = urlsplit(url)
    if parts.query:
        raise ValueError("a Slack webhook takes no options and no signing secret")
    if parts.scheme in SCHEMES:
        tokens = [parts.netloc] + [p for p in parts.path.split("/") if p]
    else:
        if not parts.path.startswith("/services/"):
            raise ValueError("a Slack webhook URL looks like https://hooks.slack.com/services/T…/B…/…")
        tokens = [p for p in parts.path[len("/services/"):].split("/") if p]
    if len(tokens) != 3 or not all(t.isalnum() for t in tokens):
        raise ValueError("a Slack webhook has three tokens: slack://TokenA/TokenB/TokenC")
    return ChannelSpec(KIND, API.format(path="/".join(tokens)), label="https://hooks.slack.com/services/****",
                       secrets=tuple(tokens))


def post(poster: HttpPoster, spec: ChannelSpec, url: str, title: str, text: str) -> None:
    response = poster.post(spec, url, {"text": text, "mrkdwn": True})
    body = response.text.strip()
    if body and body != "ok":
        raise TransportError(f"{spec.label}: {scrub(body[:200], spec.secrets)}", permanent=True)
