"""Microsoft Teams incoming webhook (or a Workflows URL taking the same card): a MessageCard with markdown text.

Documented at https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using:
POST {"@type": "MessageCard", "@context": "https://schema.org/extensions", "summary", "title", "text"} to the
URL Teams shows (https://<tenant>.webhook.office.com/webhookb2/...). The card may be 28 KB. A connector answers
`1` on success; it can also answer HTTP 200 with "Webhook message delivery failed with error: ..." in the
body, which is a failure (transient when the error is Microsoft's own 429).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tracker.channels.base import ChannelSpec, HttpPoster, check_scheme, scrub
from tracker.reminders.transport import TransportError

KIND = "msteams"
SCHEMES = ("msteams",)
HOST_SUFFIXES = (".webhook.office.com", "outlook.office.com", "outlook.office365.com", ".logic.azure.com",
                 ".environment.api.powerplatform.com")
MARKDOWN = True
LIMIT = 24000  # bytes of text; the whole card may be 28 KB
MAX_PARTS = 5


def handles(host: str) -> bool:
    return any(host == s.lstrip(".") or host.endswith(s) for s in HOST_SUFFIXES)


def parse(url: str) -> ChannelSpec:
    """msteams://TEAM/TokenA/TokenB/TokenC (apprise) or the https webhook URL Teams shows."""
    parts = urlsplit(url)
    if parts.scheme in SCHEMES:
        tokens = [p for p in parts.path.split("/") if p]
        if len(tokens) != 3 or not parts.netloc:
            raise ValueError("a Teams channel is msteams://TEAM/TokenA/TokenB/TokenC or the webhook's https URL")
        a, b, c = tokens
        endpoint = f"https://{parts.netloc}.webhook.office.com/webhookb2/{a}/IncomingWebhook/{b}/{c}"
        host = f"{parts.netloc}.webhook.office.com"
    else:
        check_scheme(url, "Teams webhook")
        endpoint, host = url, parts.netloc
        tokens = [p for p in parts.path.split("/") if p] + [v for kv in parts.query.split("&") for v in kv.split("=")[1:]]
    return ChannelSpec(KIND, endpoint, label=f"https://{host}/****", secrets=tuple(t for t in tokens if len(t) > 8))


def post(poster: HttpPoster, spec: ChannelSpec, url: str, title: str, text: str) -> None:
    card = {"@type": "MessageCard", "@context": "https://schema.org/extensions", "summary": title, "title": title,
            "text": text}
    body = poster.post(spec, url, card).text.strip()
    if "fail" in body.lower() or "error" in body.lower():
        raise TransportError(f"{spec.label}: {scrub(body[:200], spec.secrets)}", permanent="429" not in body)
