"""The one-click unsubscribe endpoint: the only thing the web server writes.

GET shows a confirmation button and changes nothing (mail scanners open links before people do); POST, from
that button or from a mail program's one-click button (RFC 8058: body `List-Unsubscribe=One-Click`), pauses
the subscriber's digests. An unknown or forged token is the same plain 404 as any unknown path.
"""

from __future__ import annotations

from tracker.web.pages import _environment

_WORDS = {
    "en": {
        "title": "Unsubscribe", "ask": "Stop the compliance deadline digests for {address}?", "confirm": "Unsubscribe",
        "done": "{address} will receive no more digests. To receive them again, ask your administrator "
                "(`tracker subscribers resume`).",
    },
    "zh": {
        "title": "退订", "ask": "确定停止向 {address} 发送合规期限提醒吗？", "confirm": "确认退订",
        "done": "{address} 将不再收到提醒。如需恢复，请联系管理员（tracker subscribers resume）。",
    },
}

# The page has no style or script; the form posts back to this same URL and nowhere else.
CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"


def unsubscribe_page(language: str, address: str | None, *, done: bool) -> str:
    lang = language if language in _WORDS else "zh"
    words = _WORDS[lang]
    who = address or ""
    return _environment().get_template("web/unsubscribe.html").render(
        lang=lang, title=words["title"],
        message=(words["done"] if done else words["ask"]).format(address=who),
        confirm=None if done else words["confirm"],
    )
