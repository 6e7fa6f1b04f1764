"""Is `tracker import` close to a bare bulk insert of the same rows, and is its memory flat as the file grows?

Writes two synthetic `tracker/1` files with `bench/upcoming_bench.py`'s generator (default 10,000 and 100,000
policies: 100,000 and 1,000,000 measures, with agency links, targets, checks and sources), then for each:

- `tracker import FILE` on a fresh database (a subprocess: wall time and its peak RSS);
- the floor: the SAME rows (policies, measures, agency links, targets, checks, sources and their links,
  agencies and aliases) inserted by a minimal script in one transaction, with no JSON, no validation and
  no matching: SQLAlchemy Core executemany on SQLite, psycopg's COPY on PostgreSQL. The rows are built
  untimed, 1,000 policies at a time; only the inserts are timed.

Prints import/bare as a ratio (the goal is at most 2), and the peak RSS of both sizes (flat means the
large file costs about what the small one does, not 10x).

    python bench/import_bench.py                          # 10k and 100k policies on SQLite
    python bench/import_bench.py --large 20000 --small 2000   # a quick look
    python bench/import_bench.py --pg postgresql://postgres@127.0.0.1:5432/test

Not part of the test suite; no timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from upcoming_bench import AGENCIES, fresh_pg_database, policy_document, write_export  # noqa: E402

BATCH = 1_000


def run_measured(argv: list[str], db: str) -> tuple[float, float, float, str]:
    """Run a child; (wall seconds, its CPU seconds, its peak RSS in MB, its stdout)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "TRACKER_DATABASE_URL": db}
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} failed: {err.read().decode()[-800:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read().decode()


# --- the floor: the same rows, inserted bare ------------------------------------------------------------------


def bare_rows(first: int, last: int, total: int, ids: dict, now) -> dict[str, list[tuple]]:
    """The rows `tracker import` stores for policies first..last-1 of `total`, with ids assigned here."""
    from datetime import date

    from tracker.domain.targets import next_check_on, target_outcome

    rows: dict[str, list[tuple]] = {t: [] for t in ("policy", "measure", "measure_agency", "target", "target_check",
                                                    "source_document", "policy_source")}
    for i in range(first, last):
        p = policy_document(i, total)
        day = lambda s: date.fromisoformat(s) if s else None  # noqa: E731
        ids["policy"] += 1
        pid = ids["policy"]
        start = day(p["effective_from"])
        rows["policy"].append((pid, p["ref"], p["title"], p["title_en"], p["doc_number"], p["issuer"],
                               day(p["issued_on"]), None, p["language"], start, day(p["effective_to"]),
                               p["window_source"], None, "active", "", now, now))
        by_number = {}
        for m in p["measures"]:
            ids["measure"] += 1
            by_number[m["number"]] = ids["measure"]
            rows["measure"].append((ids["measure"], pid, m["number"], m["ordinal"], m["section"], m["title"],
                                    m["text"], None, None, None, None))
            for position, a in enumerate(m["agencies"]):
                agency = int(a["name"].removeprefix("上海市测试委员会")) + 1
                rows["measure_agency"].append((ids["measure"], agency, a["role"], position))
        for t in p["targets"]:
            ids["target"] += 1
            checks = [(day(c["checked_on"]), c["status"]) for c in t["checks"]]
            outcome = target_outcome(checks)
            last_check = max((c[0] for c in checks), default=None)
            due = day(t["due_on"])
            rows["target"].append((ids["target"], pid, by_number[t["measure"]], "target", t["text"], t["metric"],
                                   t["quantity"], t["unit"], t["comparator"], due, "stated", outcome,
                                   next_check_on(due, start, last_check, outcome), "", None, None, None))
            for c in t["checks"]:
                ids["check"] += 1
                rows["target_check"].append((ids["check"], ids["target"], day(c["checked_on"]), c["value"],
                                             c["status"], c["note"], None, now))
        for s in p["sources"]:
            ids["source"] += 1
            rows["source_document"].append((ids["source"], s["name"], None, s["sha256"], s["language"], None, now))
            rows["policy_source"].append((pid, ids["source"]))
    return rows


COLUMNS = {
    "policy": ("id", "ref", "title", "title_en", "doc_number", "issuer", "issued_on", "published_on", "language",
               "effective_from", "effective_to", "window_source", "window_basis", "state", "pinned", "created_at",
               "updated_at"),
    "measure": ("id", "policy_id", "number", "ordinal", "section", "title", "text", "title_en", "text_en",
                "en_ordinal", "alignment"),
    "measure_agency": ("measure_id", "agency_id", "role", "position"),
    "target": ("id", "policy_id", "measure_id", "kind", "text", "metric", "quantity", "unit", "comparator", "due_on",
               "due_source", "outcome", "next_check_on", "pinned", "text_en", "metric_en", "unit_en"),
    "target_check": ("id", "target_id", "checked_on", "value", "status", "note", "checked_by", "recorded_at"),
    "source_document": ("id", "name", "url", "sha256", "language", "format", "ingested_at"),
    "policy_source": ("policy_id", "source_id"),
}


def bare_insert(db: str, total: int) -> None:
    """Child process: insert the rows of `total` policies; prints the seconds spent inserting."""
    from datetime import datetime, timezone

    from sqlalchemy import MetaData, Table, insert

    from tracker.store.db import make_engine

    now = datetime.now(timezone.utc)
    engine = make_engine(db)
    postgres = engine.dialect.name == "postgresql"
    meta = MetaData()
    tables = {name: Table(name, meta, autoload_with=engine) for name in [*COLUMNS, "agency", "agency_alias"]}
    ids = {"policy": 0, "measure": 0, "target": 0, "check": 0, "source": 0}
    spent = cpu = 0.0
    with engine.begin() as conn:
        dbapi = conn.connection.driver_connection

        def put(name: str, columns, rows) -> None:
            if not rows:
                return
            if postgres:
                names = ", ".join(f'"{c}"' for c in columns)
                with dbapi.cursor() as cursor, cursor.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                conn.execute(insert(tables[name]), rows)

        agencies = [(n + 1, f"上海市测试委员会{n}") for n in range(AGENCIES)]
        alias_rows = [(a, a, name) for a, name in agencies]
        if not postgres:
            agencies = [{"id": a, "name": name} for a, name in agencies]
            alias_rows = [{"id": a, "agency_id": b, "alias": name} for a, b, name in alias_rows]
        started, cpu_started = time.perf_counter(), time.process_time()
        put("agency", ("id", "name"), agencies)
        put("agency_alias", ("id", "agency_id", "alias"), alias_rows)
        spent += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
        for first in range(0, total, BATCH):
            rows = bare_rows(first, min(total, first + BATCH), total, ids, now)
            if not postgres:  # Core's executemany takes dicts: built untimed too
                rows = {name: [dict(zip(COLUMNS[name], row)) for row in rows[name]] for name in rows}
            started, cpu_started = time.perf_counter(), time.process_time()
            for name, columns in COLUMNS.items():
                put(name, columns, rows[name])
            spent += time.perf_counter() - started
            cpu += time.process_time() - cpu_started
        started, cpu_started = time.perf_counter(), time.process_time()
    spent += time.perf_counter() - started  # the commit
    cpu += time.process_time() - cpu_started
    engine.dispose()
    print(f"{spent:.3f} {cpu:.3f}")


# --- the run -------------------------------------------------------------------------------------------------


def fresh_db(args, workdir: Path, name: str) -> str:
    if args.pg:
        url = fresh_pg_database(args.pg, f"bench_import_{name}", reuse=False)
    else:
        path = workdir / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    run_measured([sys.executable, "-m", "tracker", "init", "--db", url], url)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=10_000, help="policies in the small file (10 measures each)")
    parser.add_argument("--large", type=int, default=100_000, help="policies in the large file")
    parser.add_argument("--workdir", type=Path, default=None, help="keep files here (default: a temp dir)")
    parser.add_argument("--pg", metavar="ADMIN_URL", default=None,
                        help="run on PostgreSQL: databases bench_import_* are (re)created on this server")
    parser.add_argument("--bare", nargs=2, metavar=("DB", "POLICIES"), help=argparse.SUPPRESS)  # the child
    args = parser.parse_args()
    if args.bare:
        bare_insert(args.bare[0], int(args.bare[1]))
        return

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="import-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"workdir {workdir}; database {'PostgreSQL' if args.pg else 'SQLite'}")
    results = {}
    for label, policies in (("small", args.small), ("large", args.large)):
        export = workdir / f"{label}-{policies}.json"
        if not export.exists():
            write_export(export, policies)
        mb = export.stat().st_size / 1e6
        db = fresh_db(args, workdir, f"{label}_tracker")
        tracker_s, tracker_cpu, tracker_rss, _ = run_measured([sys.executable, "-m", "tracker", "import", str(export)], db)
        db = fresh_db(args, workdir, f"{label}_bare")
        _, _, bare_rss, out = run_measured([sys.executable, __file__, "--bare", db, str(policies)], db)
        bare_s, bare_cpu = (float(x) for x in out.split()[-2:])
        results[label] = (policies, mb, tracker_s, bare_s, tracker_rss, tracker_cpu, bare_cpu)
        print(f"{label}: {policies:,} policies, {policies * 10:,} measures, {mb:.0f} MB JSON: "
              f"tracker import {tracker_s:.1f}s ({tracker_cpu:.1f}s CPU: start-up, JSON, checks, inserts), "
              f"bare insert {bare_s:.1f}s ({bare_cpu:.1f}s CPU, the inserts alone)", flush=True)

    # Wall time is the measure on a quiet machine; CPU time (SQLite works in-process) is steadier on a busy one.
    # On PostgreSQL the server's CPU is not counted: read the wall ratio there.
    print()
    print(f"{'measures':>10}  {'JSON MB':>7}  {'import s':>8}  {'bare s':>7}  {'import/bare':>11}  {'CPU ratio':>9}  "
          f"{'measures/s':>10}  {'import peak RSS MB':>18}")
    for label in ("small", "large"):
        policies, mb, tracker_s, bare_s, tracker_rss, tracker_cpu, bare_cpu = results[label]
        print(f"{policies * 10:>10,}  {mb:>7.0f}  {tracker_s:>8.1f}  {bare_s:>7.1f}  {tracker_s / bare_s:>11.2f}  "
              f"{tracker_cpu / bare_cpu:>9.2f}  {policies * 10 / tracker_s:>10,.0f}  {tracker_rss:>18.0f}")
    small, large = results["small"], results["large"]
    print(f"\npeak RSS large/small: {large[4] / small[4]:.2f}x for a {large[1] / small[1]:.0f}x larger file")


if __name__ == "__main__":
    main()
