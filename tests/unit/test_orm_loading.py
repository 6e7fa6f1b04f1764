"""The ORM is loaded whole, before any session exists: a scheduler's job threads once configured the mappers
while another thread was half-way through importing a schema module, and every job failed from then on."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from sqlalchemy import create_engine
from tracker.store.db import make_session_factory

assert "tracker.store.schema.policies" not in sys.modules  # nothing mapped before the factory is made
make_session_factory(create_engine("sqlite://"))
from sqlalchemy.orm import Mapper
from tracker.store.schema.base import Base
names = {m.class_.__name__ for m in Base.registry.mappers}
assert {"Policy", "Target", "Subscriber", "Subscription", "Message", "FeedToken", "SiteKey"} <= names, names
assert all(m.configured for m in Base.registry.mappers)
print("ok")
"""


def test_making_a_session_factory_imports_and_configures_every_mapped_class():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
