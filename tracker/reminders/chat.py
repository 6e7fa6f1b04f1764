"""Digests for chat and webhook channels: the email digest's view, rendered per item and packed into messages
that fit the service's size limit.

Packing is pure: a long digest is split between items into numbered parts, at most `max_parts`; what still
does not fit is left out with a line counting it. An item is never cut (only an item that alone exceeds the
limit, which real titles cannot reach, is shortened with an ellipsis).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

PART_RESERVE = 64  # room for the "(part n/N)" line and the "...and N more" line


@dataclass(frozen=True)
class ChatFormat:
    style: str  # "md", "slack" or "plain"
    limit: int  # of one message's text
    unit: str = "bytes"  # "bytes" (UTF-8) or "chars"
    max_parts: int = 5

    def size(self, text: str) -> int:
        return len(text.encode("utf-8")) if self.unit == "bytes" else len(text)


def format_for(kind: str) -> ChatFormat:
    from tracker.channels import module

    service = module(kind)
    style = "slack" if kind == "slack" else ("md" if service.MARKDOWN else "plain")
    return ChatFormat(style, service.LIMIT, getattr(service, "LIMIT_UNIT", "bytes"), service.MAX_PARTS)


def pack(head: str, groups: list[tuple[str, list[str]]], fmt: ChatFormat,
         part_line: Callable[[int, int], str], more_line: Callable[[int], str]) -> list[str]:
    """The digest as at most fmt.max_parts messages, each within fmt.limit, split only between items.

    Each part starts with the head (part 1) or the group heading it continues; a group heading never ends a part.
    """
    budget = fmt.limit - PART_RESERVE
    parts: list[list[str]] = [[head]]
    sizes = [fmt.size(head)]
    left_out = 0
    for heading, items in groups:
        for index, item in enumerate(items):
            if fmt.size(item) + fmt.size(heading) + fmt.size(head) > budget:
                item = _shorten(item, budget - fmt.size(heading) - fmt.size(head), fmt)
            piece = ("\n" + heading + item) if index == 0 else item
            if sizes[-1] + fmt.size(piece) <= budget:
                parts[-1].append(piece)
                sizes[-1] += fmt.size(piece)
                continue
            if len(parts) == fmt.max_parts:
                left_out += 1
                continue
            piece = heading + item  # a new part repeats the heading of the group it continues
            parts.append([piece])
            sizes.append(fmt.size(piece))
    texts = ["".join(p).strip("\n") for p in parts]
    if left_out:
        texts[-1] += "\n\n" + more_line(left_out).strip("\n")
    if len(texts) > 1:
        texts = [part_line(n, len(texts)).strip("\n") + "\n" + t for n, t in enumerate(texts, 1)]
    return texts


def _shorten(text: str, room: int, fmt: ChatFormat) -> str:
    while text and fmt.size(text + "…\n") > room:
        text = text[: max(len(text) - max(len(text) // 10, 1), 0)]
    return text + "…\n"


class ChatRenderer:
    """Renders a DigestView for one channel kind with the digest/<lang>/chat.txt macros."""

    def __init__(self, renderer) -> None:
        self.env = renderer.env

    def parts(self, view, kind: str) -> list[str]:
        lang = view.language if view.language in ("zh", "en") else "zh"
        macros = self.env.get_template(f"digest/{lang}/chat.txt").module
        fmt = format_for(kind)
        block = _slack_block if fmt.style == "slack" else _block
        groups = [
            (block(macros.group(name, fmt.style)), [block(macros.item(line, fmt.style)) for line in view.groups[name]])
            for name in ("overdue", "due_soon", "expiring", "expired", "changes", "news") if view.groups.get(name)
        ]
        return pack(block(macros.head(view, fmt.style)), groups, fmt,
                    lambda n, total: str(macros.part(n, total, fmt.style)),
                    lambda count: str(macros.more(count, fmt.style)))


def _block(rendered) -> str:
    """A macro's output as lines ending in one newline (trim_blocks leaves the last newline to the caller)."""
    return str(rendered).strip("\n") + "\n"


def _slack_block(rendered) -> str:
    """Slack reads &, < and > as markup (links, mentions): escaped as its docs ask."""
    return _block(rendered).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
