"""Does `tracker upcoming` answer from indexes? Its cost should follow the rows it returns, not the database.

Builds two synthetic databases in the `tracker/1` JSON shape and loads them with `tracker import`:
a small one (1,000 policies, 10,000 measures, 2,000 targets) and the full one (100,000 policies,
1,000,000 measures, 200,000 targets). Both hold the SAME fixed set of items that fall in the window
(1,000 "hot" policies spread across the id range: expiries, due and overdue targets, progress checks);
everything else is far away in time or closed. So if the listing uses its indexes, `upcoming` costs about
the same on both, and the ratio large/small stays near 1.

Beside each `tracker upcoming --within 90d` run it times a minimal script running the same queries with
SQLAlchemy Core only (no tracker code), so the figures are ratios measured in one run on one machine:

    python bench/upcoming_bench.py                      # both sizes, SQLite, loaded through `tracker import`
    python bench/upcoming_bench.py --pg postgresql://postgres@127.0.0.1:5432/test   # the same on PostgreSQL
    python bench/upcoming_bench.py --large 20000        # a smaller "large" database for a quick look

Not part of the test suite; no timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AS_OF = date(2026, 1, 1)
WINDOW_DAYS = 90
HOT_POLICIES = 1_000
MEASURES_PER_POLICY = 10
TARGETS_PER_POLICY = 2
AGENCIES = 300
NUMERALS = "一二三四五六七八九十"

# --- the synthetic corpus ------------------------------------------------------------------------------------


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def policy_document(i: int, total: int) -> dict:
    """Policy number `i` of `total` in the tracker/1 shape. Deterministic: same i, same policy."""
    stride = max(1, total // HOT_POLICIES)
    hot = i % stride == 0 and i // stride < HOT_POLICIES
    j = i // stride  # index among hot policies
    start = date(2010, 1, 1) + timedelta(days=i % 365)
    if hot and j % 3 == 0:
        end = AS_OF + timedelta(days=(j * 7) % WINDOW_DAYS)  # expires in the window
    elif i % 4 == 0:
        end = None  # open-ended
    elif i % 4 == 1:
        end = date(2012, 1, 1) + timedelta(days=i % 2000)  # long expired
    else:
        end = date(2031, 1, 1) + timedelta(days=i % 9000)  # far ahead
    doc_number = f"沪测规〔{2000 + i % 26}〕{i}号"
    measures = []
    for k in range(1, MEASURES_PER_POLICY + 1):
        lead = (i * 7 + k) % AGENCIES
        agencies = [{"name": f"上海市测试委员会{lead}", "role": "lead"}]
        if k % 2 == 0:
            agencies.append({"name": f"上海市测试委员会{(lead + 1) % AGENCIES}", "role": "supporting"})
        measures.append(
            {
                "number": f"（{NUMERALS[k - 1]}）",
                "ordinal": k,
                "section": None,
                "title": f"措施{k}",
                "text": f"第{i}号政策的第{k}项措施。",
                "agencies": agencies,
            }
        )
    targets = [_target(i, t, hot, j) for t in range(TARGETS_PER_POLICY)]
    return {
        "ref": doc_number,
        "title": f"关于推进测试事项{i}的若干措施",
        "title_en": None,
        "doc_number": doc_number,
        "issuer": "上海市人民政府办公厅",
        "issued_on": _day(start - timedelta(days=30)),
        "published_on": None,
        "effective_from": _day(start),
        "effective_to": _day(end),
        "window_source": "stated",
        "language": "zh",
        "status": "in_force",
        "supersedes": [],
        "sources": [{"name": f"doc-{i}.html", "sha256": f"{i:064x}", "language": "zh"}],
        "measures": measures,
        "targets": targets,
        "history": [],
    }


def _target(i: int, t: int, hot: bool, j: int) -> dict:
    measure = f"（{NUMERALS[(i + t) % MEASURES_PER_POLICY]}）"
    base = {"measure": measure, "text": f"到期目标{i}-{t}", "metric": "套数", "quantity": 1000 + i % 50000,
            "unit": "套", "comparator": "at_least"}
    if hot and t == 0:
        kind = j % 5
        if kind == 0:  # due in the window, open
            return {**base, "due_on": _day(AS_OF + timedelta(days=(j * 11) % WINDOW_DAYS)), "checks": []}
        if kind == 1:  # overdue: past due, never closed
            return {**base, "due_on": _day(AS_OF - timedelta(days=1 + j % 300)), "checks": []}
        if kind == 2:  # open, a progress check falls due in the window (the quarter end after the last check)
            return {**base, "due_on": "2027-12-31",
                    "checks": [{"checked_on": "2025-12-31", "value": 10, "status": "on_track", "note": None}]}
    if t == 1 and i % 2 == 0:  # far ahead and already met: closed targets are not read at all
        return {**base, "due_on": _day(date(2030, 1, 1) + timedelta(days=i % 5000)),
                "checks": [{"checked_on": "2025-06-30", "value": 2000, "status": "met", "note": None}]}
    # Everything else is closed by a met or missed check, wherever its due date lies.
    due = date(2021, 1, 1) + timedelta(days=(i * 13 + t) % 7000)
    checked = min(due, AS_OF - timedelta(days=1 + (i + t) % 400))
    status = "met" if (i + t) % 3 else "missed"
    return {**base, "due_on": _day(due),
            "checks": [{"checked_on": _day(checked), "value": 1, "status": status, "note": None}]}


def write_export(path: Path, policies: int) -> None:
    """Stream the JSON file policy by policy (the full one is too big to build in memory comfortably)."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "tracker/1", "exported_on": "%s", "policies": [\n' % AS_OF.isoformat())
        for i in range(policies):
            if i:
                out.write(",\n")
            out.write(json.dumps(policy_document(i, policies), ensure_ascii=False))
        out.write("\n]}\n")


# --- loading -------------------------------------------------------------------------------------------------


def tracker(*args: str, db: str, capture: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "TRACKER_DATABASE_URL": db}
    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=capture, text=True, env=env)


def load_with_import(db: str, export: Path) -> float:
    started = time.perf_counter()
    result = tracker("import", str(export), db=db)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"tracker import failed: {result.stderr.strip()[-500:]}")
    return elapsed


# --- the two things being timed ------------------------------------------------------------------------------

# The same five statements `tracker upcoming` sends (expiries, open targets incl. overdue, checks incl. the ones
# rolled to the next quarter end, the targets' policies, agencies and measure numbers), written with SQLAlchemy
# Core alone: the floor any implementation pays for the rows it returns.
CORE_SCRIPT = r'''
import sys, time
from datetime import date
from sqlalchemy import create_engine, text, bindparam
engine = create_engine(sys.argv[1])
started = time.perf_counter()
as_of, until, quarter_end = (date.fromisoformat(a) for a in sys.argv[2:5])
target_columns = "SELECT t.id, t.policy_id, t.text, t.due_on, t.next_check_on, t.outcome, t.measure_id FROM target t "
with engine.connect() as c:
    p = {"a": as_of, "u": until, "q": quarter_end}
    exp = c.execute(text("SELECT id, ref, title, title_en, doc_number, state, effective_to FROM policy "
                         "WHERE effective_to BETWEEN :a AND :u AND state = 'active'"), p).all()
    tgt = c.execute(text(target_columns + "WHERE t.outcome IS NULL AND t.due_on IS NOT NULL AND t.due_on <= :u"),
                    p).all()
    chk = c.execute(text(target_columns + "WHERE t.next_check_on BETWEEN :a AND :u "
                         "OR (t.next_check_on < :a AND t.due_on > :q)"), p).all()
    pol = c.execute(text("SELECT id, ref, title, title_en, doc_number, state FROM policy "
                         "WHERE id IN :ids AND state = 'active'").bindparams(bindparam("ids", expanding=True)),
                    {"ids": sorted({r.policy_id for r in tgt + chk}) or [-1]}).all()
    mids = sorted({r.measure_id for r in tgt + chk if r.measure_id is not None})
    pids = sorted({r.id for r in exp})
    ag = c.execute(text("SELECT m.id, m.policy_id, m.number, a.name FROM measure m "
                        "LEFT JOIN measure_agency ma ON ma.measure_id = m.id LEFT JOIN agency a ON a.id = ma.agency_id "
                        "WHERE m.id IN :mids OR m.policy_id IN :pids ORDER BY m.policy_id, m.ordinal, ma.position")
                   .bindparams(bindparam("mids", expanding=True), bindparam("pids", expanding=True)),
                   {"mids": mids or [-1], "pids": pids or [-1]}).all()
print(len(exp), len(tgt), len(chk), len(ag), f"{time.perf_counter() - started:.4f}")
'''


def run_timed(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} failed: {result.stderr.strip()[-500:]}")
    return elapsed, result.stdout


def measure(db: str, core_script: Path, repeat: int) -> dict:
    until = AS_OF + timedelta(days=WINDOW_DAYS)
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "TRACKER_DATABASE_URL": db}
    upcoming = [sys.executable, "-m", "tracker", "upcoming", "--within", f"{WINDOW_DAYS}d",
                "--as-of", AS_OF.isoformat(), "--format", "csv"]
    sys.path.insert(0, str(REPO))
    from tracker.domain.targets import period_end_on_or_after

    quarter_end = period_end_on_or_after(AS_OF)  # where a check skipped without record comes back
    core = [sys.executable, str(core_script), db, AS_OF.isoformat(), until.isoformat(), quarter_end.isoformat()]
    tracker_times, core_times, query_times = [], [], []
    rows = core_counts = None
    run_timed(upcoming, env), run_timed(core, env)  # warm the page cache once
    for _ in range(repeat):
        t, out = run_timed(upcoming, env)
        tracker_times.append(t)
        rows = len(out.splitlines()) - 1
        t, out = run_timed(core, env)
        core_times.append(t)
        core_counts = out.split()[:4]
        query_times.append(float(out.split()[4]))
    # The minimum: on a shared 2-core machine the noise only ever adds time.
    return {"tracker": min(tracker_times), "core": min(core_times), "query": min(query_times),
            "rows": rows, "core_counts": core_counts}


def analyze(db: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(db.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()


def fresh_pg_database(admin_url: str, name: str, reuse: bool) -> str:
    """A PostgreSQL database called `name` on the admin URL's server: dropped and created unless reused."""
    sys.path.insert(0, str(REPO))
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tracker.config import normalise_database_url

    admin = normalise_database_url(admin_url)
    if not reuse:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
    return make_url(admin).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=1_000, help="policies in the small database")
    parser.add_argument("--large", type=int, default=100_000, help="policies in the large database")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--workdir", type=Path, default=None, help="keep files here (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true", help="keep databases already built in --workdir")
    parser.add_argument("--pg", metavar="ADMIN_URL", default=None,
                        help="run on PostgreSQL: databases bench_upcoming_small/_large are (re)created on this server")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="upcoming-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    core_script = workdir / "core_upcoming.py"
    core_script.write_text(CORE_SCRIPT, encoding="utf-8")
    print(f"workdir {workdir}; as-of {AS_OF}, window {WINDOW_DAYS}d; best of {args.repeat}")

    results = {}
    for label, policies in (("small", args.small), ("large", args.large)):
        db_path = workdir / f"{label}.db"
        db = fresh_pg_database(args.pg, f"bench_upcoming_{label}", args.reuse) if args.pg else f"sqlite:///{db_path}"
        measures = policies * MEASURES_PER_POLICY
        if args.reuse and (db_path.exists() or args.pg):
            print(f"{label}: reusing {db.rsplit('/', 1)[-1]}")
            results[label] = measure(db, core_script, args.repeat) | {"measures": measures}
            continue
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        init = tracker("init", db=db)
        if init.returncode != 0:
            raise SystemExit(init.stderr)
        export = workdir / f"{label}.json"
        started = time.perf_counter()
        write_export(export, policies)
        generated = time.perf_counter() - started
        load = load_with_import(db, export)
        how = f"generated {export.stat().st_size / 1e6:.0f} MB JSON in {generated:.1f}s, `tracker import` {load:.1f}s"
        if args.pg:
            analyze(db)  # autovacuum would gather the statistics soon after a bulk load; do not wait for it
        print(f"{label}: {policies:,} policies, {measures:,} measures, {policies * TARGETS_PER_POLICY:,} targets; {how}")
        results[label] = measure(db, core_script, args.repeat) | {"measures": measures}

    print()
    print(f"{'measures':>10}  {'rows':>5}  {'upcoming s':>10}  {'core s':>7}  {'upcoming/core':>13}  "
          f"{'core queries alone s':>20}")
    for label in ("small", "large"):
        r = results[label]
        print(f"{r['measures']:>10,}  {r['rows']:>5}  {r['tracker']:>10.3f}  {r['core']:>7.3f}  "
              f"{r['tracker'] / r['core']:>13.2f}  {r['query']:>20.4f}")
    s, big = results["small"], results["large"]
    print(f"\nlarge/small: upcoming {big['tracker'] / s['tracker']:.2f}x, core {big['core'] / s['core']:.2f}x, "
          f"core queries alone {big['query'] / s['query']:.2f}x "
          f"(database {big['measures'] / s['measures']:.0f}x larger, same rows returned: {s['rows'] == big['rows']})")
    print(f"core counts (expiries, targets, checks, agency rows): small {s['core_counts']}, large {big['core_counts']}")


if __name__ == "__main__":
    main()
