"""Packing a digest into chat messages: split between items, numbered, never over the limit, nothing lost."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.reminders.chat import ChatFormat, pack


def _pack(items_per_group, limit, max_parts=5, unit="bytes"):
    groups = [(f"### group {g}\n", [f"- item {g}.{i} {'x' * size}\n" for i, size in enumerate(sizes)])
              for g, sizes in enumerate(items_per_group)]
    fmt = ChatFormat("md", limit, unit, max_parts)
    parts = pack("**head**\n", groups, fmt, lambda n, t: f"(part {n}/{t})\n", lambda c: f"...and {c} more items\n")
    return groups, fmt, parts


def test_a_short_digest_is_one_message_without_a_part_number():
    _, _, parts = _pack([[5, 5], [5]], 4096)
    assert len(parts) == 1 and "part" not in parts[0] and parts[0].startswith("**head**")


def test_a_long_digest_is_numbered_and_each_part_continues_its_group_heading():
    _, _, parts = _pack([[300] * 40], 4096)
    assert len(parts) > 1
    for n, part in enumerate(parts, 1):
        assert part.startswith(f"(part {n}/{len(parts)})\n") and "### group 0" in part


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 900), min_size=1, max_size=30), min_size=1, max_size=4),
       st.integers(1200, 5000), st.integers(1, 6))
def test_parts_fit_split_only_between_items_and_account_for_every_item(items_per_group, limit, max_parts):
    groups, fmt, parts = _pack(items_per_group, limit, max_parts)
    assert len(parts) <= max_parts
    assert all(fmt.size(p) <= limit for p in parts)
    whole = "\n".join(parts)
    items = [item.rstrip("\n") for _, lines in groups for item in lines]
    shown = [item for item in items if item in whole]  # the item whole, its text uncut
    left = sum(int(line.split("and ")[1].split(" more")[0]) for line in whole.splitlines() if line.startswith("...and"))
    assert len(shown) + left == len(items)
    assert all(whole.count(item) == 1 for item in shown)
