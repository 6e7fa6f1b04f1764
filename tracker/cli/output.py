"""Print rows as a table (rich on a terminal, plain text when piped or NO_COLOR), JSON or CSV."""

from __future__ import annotations

import csv
import json
import os
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Iterable, Sequence


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_plain(v)) for v in value)
    return value


def plain(value: Any) -> Any:
    """A value as a table or CSV cell shows it: ISO dates, decimals without trailing zeros, lists joined."""
    return _plain(value)


def json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=json_default)


def use_rich(stream=None) -> bool:
    stream = stream or sys.stdout
    return stream.isatty() and not os.environ.get("NO_COLOR")


def emit_rows(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    fmt: str = "table",
    *,
    empty: str = "nothing to show",
    title: str | None = None,
) -> None:
    """Print `rows` (dicts) with `columns` as (key, header) pairs in the chosen format."""
    out = sys.stdout
    if fmt == "json":
        out.write(dumps([{k: r.get(k) for k, _ in columns} for r in rows]) + "\n")
        return
    if fmt == "csv":
        writer = csv.writer(out)
        keys = [k for k, _ in columns]
        writer.writerow(keys)
        # Text, empty cells and days are written as _plain would write them (csv writes None as "", str(date)
        # is its ISO form): no conversion for them, which long listings feel.
        as_is = (str, date, type(None))
        for r in rows:
            writer.writerow([v if v.__class__ in as_is else _plain(v) for v in map(r.get, keys)])
        return
    if not rows:
        out.write(empty + "\n")
        return
    if use_rich(out):
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for _, header in columns:
            table.add_column(header)
        for r in rows:
            table.add_row(*[str(_plain(r.get(k))) for k, _ in columns])
        Console().print(table)
        return
    _plain_table(out, rows, columns, title)


def _plain_table(out, rows: Iterable[dict[str, Any]], columns, title) -> None:
    from unicodedata import east_asian_width

    def width(s: str) -> int:
        return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in s)

    cells = [[str(_plain(r.get(k))) for k, _ in columns] for r in rows]
    headers = [h for _, h in columns]
    widths = [max([width(h)] + [width(row[i]) for row in cells]) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    if title:
        out.write(title + "\n")
    out.write(line(headers) + "\n")
    for row in cells:
        out.write(line(row) + "\n")


def write_file(path, data: bytes | str) -> None:
    """Write a command's output file, or fail with one line naming the path (exit 4)."""
    from pathlib import Path

    from tracker.errors import InvalidInput

    try:
        if isinstance(data, str):
            Path(path).write_text(data, encoding="utf-8")
        else:
            Path(path).write_bytes(data)
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot write ({exc.strerror or exc})") from None
