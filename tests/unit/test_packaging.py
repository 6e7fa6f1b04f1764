"""`pip install .` must ship every package, the migrations, the templates and the seed data."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_python_package_of_the_tracker_is_listed_for_installation():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "tracker").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"


def test_the_shipped_folders_are_mapped_into_the_package():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert config["package-dir"] == {
        "tracker._migrations": "migrations",
        "tracker._templates": "templates",
        "tracker._seed": "seed",
    }
    for folder in config["package-dir"].values():
        assert (REPO / folder).is_dir()
