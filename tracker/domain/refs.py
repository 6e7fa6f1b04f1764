"""Short, stable references for policies that have no document number.

A policy is referred to by its document number when it has one. Otherwise people need something they can type
on any keyboard and read aloud: `p-` and six letters or digits derived from the title, so the same title gets
the same ref in every database it is ingested into (an export from one office matches a checkout in another),
and once stored a ref never changes, even if the title is corrected later.

Several policies can carry one document number: a notice that issues several (关于印发《A》和《B》的通知) gives
each its number. Then the number is no policy's ref (each new one gets its title ref; a policy stored before
keeps the ref it has), and the title tells the policies of one number apart.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from typing import Sequence, TypeVar

H = TypeVar("H")


def title_ref(title: str) -> str:
    """`p-` and six base32 characters of the title's digest (NFKC, whitespace and case ignored)."""
    key = "".join(unicodedata.normalize("NFKC", title or "").split()).casefold()
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return "p-" + base64.b32encode(digest).decode("ascii")[:6].lower()


def title_key(title: str | None) -> str:
    """Titles compared without punctuation, spaces or width differences."""
    text = unicodedata.normalize("NFKC", title or "").casefold()
    return re.sub(r"[\W_]+", "", text)


def named_by_number(holders: Sequence[tuple[H, str | None, str | None]], title: str | None) -> list[H]:
    """Which of the policies carrying one document number (each `(who, title, title_en)`, oldest first) a
    citation of that number with `title` names: the one of that title; when none has it (no title cited, or
    the notice's own title), all of them, since the notice that issued them is cited as a whole."""
    key = title_key(title)
    if key:
        same = [who for who, t, t_en in holders if key in (title_key(t), title_key(t_en))]
        if same:
            return same[:1]
    return [who for who, _, _ in holders]
