"""Short, stable references for policies that have no document number.

A policy is referred to by its document number when it has one. Otherwise people need something they can type
on any keyboard and read aloud: `p-` and six letters or digits derived from the title, so the same title gets
the same ref in every database it is ingested into (an export from one office matches a checkout in another),
and once stored a ref never changes, even if the title is corrected later.
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata


def title_ref(title: str) -> str:
    """`p-` and six base32 characters of the title's digest (NFKC, whitespace and case ignored)."""
    key = "".join(unicodedata.normalize("NFKC", title or "").split()).casefold()
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return "p-" + base64.b32encode(digest).decode("ascii")[:6].lower()
