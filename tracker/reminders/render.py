"""Jinja2 rendering of digests: subject, plain text and HTML, in Chinese or English.

HTML is autoescaped and undefined variables are errors (StrictUndefined): a template can neither run a title's
`<script>` nor silently print nothing.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from tracker.resources import templates_dir

LANGUAGES = ("zh", "en")


class Renderer:
    def __init__(self, base_url: str | None = None) -> None:
        # Where `tracker serve` is reachable (TRACKER_BASE_URL): digest lines then link to the policy's page.
        self.base_url = (base_url or "").strip().rstrip("/") or None
        self.env = Environment(
            loader=FileSystemLoader(str(templates_dir())),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False, default=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # A renderer lives for one command or pass: each template is loaded and compiled once, not looked
            # up on disk again (a stat per template) for every digest.
            auto_reload=False,
        )

    def _context(self, view, unsubscribe_url: str | None = None) -> tuple[str, dict]:
        lang = view.language if view.language in LANGUAGES else "zh"
        return lang, {
            "view": view,
            "unsubscribe_url": unsubscribe_url,
            "groups": [(g, view.groups[g]) for g in ("overdue", "due_soon", "expiring", "expired", "changes", "news")
                       if view.groups.get(g)],
            "policy_url": self._policy_url(lang),
        }

    def render(self, view, unsubscribe_url: str | None = None) -> tuple[str, str, str]:
        """Subject, text and HTML of a digest; `unsubscribe_url` is the reader's one-click link (else the footer
        says to reply "unsubscribe")."""
        lang, context = self._context(view, unsubscribe_url)
        subject = self.env.get_template(f"digest/{lang}/subject.txt").render(context)
        text = self.env.get_template(f"digest/{lang}/body.txt").render(context)
        html = self.env.get_template(f"digest/{lang}/body.html").render(context)
        return " ".join(subject.split()), text, html

    def subject(self, view) -> str:
        """The subject line alone (a channel-only subscriber's messages need no email body)."""
        lang, context = self._context(view)
        return " ".join(self.env.get_template(f"digest/{lang}/subject.txt").render(context).split())

    def _policy_url(self, lang: str):
        from urllib.parse import quote

        base = self.base_url

        def url(ref: str | None) -> str | None:
            return f"{base}/policy/{quote(ref, safe='')}?lang={lang}" if base and ref else None

        return url
