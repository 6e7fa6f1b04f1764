"""Where the shipped folders are: the repository's top level in a checkout, the package copy when installed."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parent


def _locate(top_level: str, packaged: str, marker: str) -> Path:
    for candidate in (_REPO / top_level, _PACKAGE / packaged):
        if (candidate / marker).exists():
            return candidate
    raise FileNotFoundError(f"{top_level}/ not found beside the tracker package (reinstall the tracker)")


def migrations_dir() -> Path:
    return _locate("migrations", "_migrations", "env.py")


def templates_dir() -> Path:
    return _locate("templates", "_templates", "__init__.py")


def seed_dir() -> Path:
    return _locate("seed", "_seed", "__init__.py")
