"""What do the read commands cost over the stack they stand on, and does `upcoming` answer from indexes?

Builds two synthetic databases in the `tracker/1` JSON shape and loads them with `tracker import`:
a small one (1,000 policies, 10,000 measures, 2,000 targets) and the full one (100,000 policies,
1,000,000 measures, 200,000 targets). Both hold the SAME fixed set of items that fall in the window
(1,000 "hot" policies spread across the id range: expiries, due and overdue targets, progress checks);
everything else is far away in time or closed. So if the listing uses its indexes, `upcoming` costs about
the same on both, and the ratio large/small stays near 1.

`tracker upcoming`, `policies` and `show` are each compared with a floor: a typer command over SQLAlchemy
Core sending the same statements and printing the rows (and, for the record, the same statements through the
sqlite3 module alone); `tracker --help` with `python -c "import typer"`. The figures are ratios of the median
CPU time of the child processes (user + system), measured in one run on one machine, interleaved:

    python bench/upcoming_bench.py                      # both sizes, SQLite, loaded through `tracker import`
    python bench/upcoming_bench.py --pg postgresql://postgres@127.0.0.1:5432/test   # the same on PostgreSQL
    python bench/upcoming_bench.py --large 20000        # a smaller "large" database for a quick look

Not part of the test suite; no timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
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


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: the user's, but with compiled modules cached and stdout buffered as
    usual. A sandbox or CI shell may set PYTHONDONTWRITEBYTECODE, which would charge every run of the tracker
    for compiling its own modules afresh (the libraries' are compiled once, at install), or PYTHONUNBUFFERED."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")}
    return {**env, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **extra}


def tracker(*args: str, db: str, capture: bool = True) -> subprocess.CompletedProcess:
    env = child_env(TRACKER_DATABASE_URL=db)
    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=capture, text=True, env=env,
                          cwd=REPO)


def load_with_import(db: str, export: Path) -> float:
    started = time.perf_counter()
    result = tracker("import", str(export), db=db)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"tracker import failed: {result.stderr.strip()[-500:]}")
    return elapsed


# --- what is timed ------------------------------------------------------------------------------------------

# The floor each read command is compared with: a typer command over SQLAlchemy Core that sends the same
# statements `tracker upcoming`, `policies` and `show` send (expiries, open targets incl. overdue, checks incl.
# the ones rolled to the next quarter end, the targets' policies, agencies and measure numbers, English agency
# names; the policy list; one policy's rows) and prints the rows as CSV. It pays what the stack costs (Python,
# typer parsing its options, SQLAlchemy Core, the driver) and nothing of the tracker's own.
UPCOMING_SQL = {
    "expiries": "SELECT id, ref, title, title_en, doc_number, state, effective_to FROM policy "
                "WHERE effective_to BETWEEN :a AND :u AND state = 'active'",
    "plans": "SELECT id, ref, title, title_en, doc_number, state, effective_to, plan_to FROM policy "
             "WHERE plan_to BETWEEN :a AND :u AND state = 'active'",
    "targets": "SELECT id, policy_id, kind, text, due_on, next_check_on, outcome, measure_id FROM target "
               "WHERE outcome IS NULL AND due_on IS NOT NULL AND due_on <= :u",
    "checks": "SELECT id, policy_id, kind, text, due_on, next_check_on, outcome, measure_id FROM target "
              "WHERE next_check_on BETWEEN :a AND :u OR (next_check_on < :a AND due_on > :q)",
    "policies": "SELECT id, ref, title, title_en, doc_number, state, effective_to FROM policy "
                "WHERE id IN ({ids}) AND state = 'active'",
    "agencies": "SELECT m.id, m.policy_id, m.number, a.name FROM measure m "
                "LEFT JOIN measure_agency ma ON ma.measure_id = m.id LEFT JOIN agency a ON a.id = ma.agency_id "
                "WHERE m.id IN ({mids}) OR m.policy_id IN ({pids}) "
                "ORDER BY m.policy_id, m.ordinal, ma.position, a.name",
    "names_en": "SELECT name, name_en FROM agency WHERE name IN ({names}) AND name_en IS NOT NULL",
}
POLICIES_SQL = ("SELECT id, ref, title, title_en, doc_number, state, effective_from, effective_to, window_source, "
                "plan_from, plan_to FROM policy ORDER BY ref")
SHOW_SQL = [
    "SELECT * FROM measure WHERE policy_id = :p ORDER BY ordinal",
    "SELECT ma.measure_id, a.name, ma.role, a.name_en FROM measure_agency ma JOIN agency a ON a.id = ma.agency_id "
    "JOIN measure m ON m.id = ma.measure_id WHERE m.policy_id = :p ORDER BY ma.measure_id, ma.position, a.name",
    "SELECT ordinal, number FROM translated_measure WHERE policy_id = :p",
    "SELECT t.*, m.number FROM target t LEFT JOIN measure m ON m.id = t.measure_id WHERE t.policy_id = :p "
    "ORDER BY t.due_on, t.id",
    "SELECT c.* FROM target_check c JOIN target t ON t.id = c.target_id WHERE t.policy_id = :p "
    "ORDER BY c.target_id, c.checked_on, c.id",
    "SELECT s.superseded_doc_number, s.superseded_title, o.ref, o.title FROM supersession s "
    "LEFT JOIN policy o ON o.id = s.superseded_id WHERE s.policy_id = :p ORDER BY s.id",
    "SELECT o.ref, o.title FROM supersession s JOIN policy o ON o.id = s.policy_id "
    "WHERE s.superseded_id = :p ORDER BY o.ref",
    "SELECT * FROM history WHERE policy_id = :p ORDER BY changed_at, id",
]

# Both floors run this same `run`; only the way a statement is sent differs.
FLOOR_COMMON = '''
import csv, sys
from datetime import date, timedelta

UPCOMING_SQL = {upcoming!r}
POLICIES_SQL = {policies!r}
SHOW_SQL = {show!r}


def quarter_end(day):
    month = (day.month - 1) // 3 * 3 + 3
    return date(day.year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def status(start, end, state, day):
    """tracker.domain.status.policy_status, written out (90-day expiring horizon). Dates come as text from
    sqlite3 and from a text() statement on SQLite."""
    start = date.fromisoformat(start) if start.__class__ is str else start
    end = date.fromisoformat(end) if end.__class__ is str else end
    if state != "active":
        return state
    if start is None and end is None:
        return "unknown"
    if start is not None and day < start:
        return "not_yet_in_force"
    if end is not None:
        if day > end:
            return "expired"
        if (end - day).days <= 90:
            return "expiring"
    return "in_force"


def in_list(name, values):
    values = sorted(set(values)) or [-1]
    return ", ".join(f":{{name}}{{i}}" for i in range(len(values))), {{f"{{name}}{{i}}": v for i, v in enumerate(values)}}


def run(query, command, arg, as_of, within):
    out = csv.writer(sys.stdout)
    if command == "upcoming":
        day = date.fromisoformat(as_of)
        p = {{"a": day, "u": day + timedelta(days=int(within.rstrip("d"))), "q": quarter_end(day)}}
        exp = query(UPCOMING_SQL["expiries"], p)
        plans = query(UPCOMING_SQL["plans"], p)
        tgt = query(UPCOMING_SQL["targets"], p)
        chk = query(UPCOMING_SQL["checks"], p)
        ids, ip = in_list("i", [r[1] for r in tgt + chk])
        pol = {{r[0]: r for r in query(UPCOMING_SQL["policies"].format(ids=ids), ip)}}
        mids, mp = in_list("m", [r[7] for r in tgt + chk if r[7] is not None])
        pids, pp = in_list("p", [r[0] for r in exp + plans])
        names = {{}}
        for mid, pid, number, name in query(UPCOMING_SQL["agencies"].format(mids=mids, pids=pids), {{**mp, **pp}}):
            names.setdefault(mid, []).append(name or "")
        nids, np_ = in_list("n", [n for v in names.values() for n in v])
        english = dict(query(UPCOMING_SQL["names_en"].format(names=nids), np_))
        for r in exp:
            out.writerow([r[6], "expiry", r[1], r[2], r[4]])
        for r in plans:
            out.writerow([r[7], "plan", r[1], r[2], r[4]])
        for r in tgt + chk:
            if r[1] in pol:
                agencies = names.get(r[7], [])
                out.writerow([r[4], r[2], pol[r[1]][1], pol[r[1]][2], r[3], "; ".join(agencies),
                              "; ".join(english.get(n, n) for n in agencies)])
    elif command == "policies":  # exactly what `tracker policies --format csv` prints
        day = date.fromisoformat(as_of)
        out.writerow(["ref", "status", "effective_from", "effective_to", "window_source", "title", "title_en", "plan_from",
                      "plan_to"])
        for r in query(POLICIES_SQL, {{}}):
            out.writerow((r[1], status(r[6], r[7], r[5], day), r[6], r[7], r[8], r[2], r[3], r[9], r[10]))
    elif command == "show":
        (policy,) = query("SELECT * FROM policy WHERE ref = :r OR doc_number = :r", {{"r": arg}})
        out.writerow(policy)
        for statement in SHOW_SQL:
            for r in query(statement, {{"p": policy[0]}}):
                out.writerow(r)
'''.format(upcoming=UPCOMING_SQL, policies=POLICIES_SQL, show=SHOW_SQL)

CORE_FLOOR = FLOOR_COMMON + '''
import typer
from sqlalchemy import Date, create_engine, text

app = typer.Typer(add_completion=False)
DAYS = ("effective_from", "effective_to", "due_on", "next_check_on", "checked_on", "issued_on", "published_on",
        "plan_from", "plan_to")


def typed(sql):
    """The statement with its date columns typed: dates come back as dates, as from any Core query."""
    return text(sql).columns(**{name: Date for name in DAYS if name in sql or "*" in sql})


def execute(db, command, arg, as_of, within):
    engine = create_engine(db)
    with engine.connect() as conn:
        run(lambda sql, p: conn.execute(typed(sql), p).all(), command, arg, as_of, within)


@app.command()
def upcoming(within: str = typer.Option("90d", "--within"), as_of: str = typer.Option(..., "--as-of"),
             fmt: str = typer.Option("csv", "--format"), db: str = typer.Option(..., "--db")):
    execute(db, "upcoming", None, as_of, within)


@app.command()
def policies(as_of: str = typer.Option(..., "--as-of"), fmt: str = typer.Option("csv", "--format"),
             db: str = typer.Option(..., "--db")):
    execute(db, "policies", None, as_of, None)


@app.command()
def show(ref: str, db: str = typer.Option(..., "--db")):
    execute(db, "show", ref, None, None)


app()
'''

# For the record: the same statements through the sqlite3 module alone (no typer, no SQLAlchemy).
SQLITE3_FLOOR = FLOOR_COMMON + '''
import sqlite3

db, command, *rest = sys.argv[1:]
conn = sqlite3.connect(db.split("///", 1)[1])
run(lambda sql, p: conn.execute(sql, p).fetchall(), command, *(rest + [None, None, None])[:3])
'''


def cpu_seconds(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    """CPU time (user + system) of one child process, and what it printed. On a busy shared machine CPU time
    moves far less than the wall clock, which also counts the time spent waiting for a CPU."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # In REPO: `python -m tracker` imports the tracker of the current directory first.
    result = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:6])} failed: {result.stderr.strip()[-800:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result.stdout


def read_commands(db: str, workdir: Path) -> dict[str, tuple[list[str], list[str], list[str] | None]]:
    """Each read command as (tracker argv, its typer + Core floor argv, its sqlite3 floor argv or None)."""
    as_of, within = AS_OF.isoformat(), f"{WINDOW_DAYS}d"
    core, plain = str(workdir / "core_floor.py"), str(workdir / "sqlite3_floor.py")
    ref = policy_document(0, 1)["ref"]  # a hot policy: expiries, targets and checks in the window
    sqlite = db.startswith("sqlite")
    cases = {
        "upcoming": (["upcoming", "--within", within, "--as-of", as_of, "--format", "csv"], ["", as_of, within]),
        "policies": (["policies", "--as-of", as_of, "--format", "csv"], ["", as_of]),
        "show": (["show", ref], [ref]),
    }
    return {
        name: (
            [sys.executable, "-m", "tracker", *args],
            [sys.executable, core, *args, "--db", db],
            [sys.executable, plain, db, name, *plain_args] if sqlite else None,
        )
        for name, (args, plain_args) in cases.items()
    }


def measure(db: str, workdir: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Median CPU seconds of each read command, of its typer + Core floor and (SQLite only) its sqlite3 floor.
    The runs are interleaved, so a burst of load elsewhere hits all three alike."""
    env = child_env(TRACKER_DATABASE_URL=db)
    commands = read_commands(db, workdir)
    runs: dict[str, dict[str, list[float]]] = {name: {"tracker": [], "core": [], "sqlite3": []} for name in commands}
    for round_ in range(repeat + 1):  # round 0 warms the page cache (and compiles) and is not counted
        for name, argvs in commands.items():
            printed = set()
            for kind, argv in zip(("tracker", "core", "sqlite3"), argvs):
                if argv is not None:
                    seconds, stdout = cpu_seconds(argv, env)
                    printed.add(stdout)
                    if round_:
                        runs[name][kind].append(seconds)
            if name == "policies" and len(printed) != 1:  # the floors print exactly what the tracker prints
                raise SystemExit("the policies floors do not print what `tracker policies` prints")
    return {name: {kind: statistics.median(v) if v else float("nan") for kind, v in times.items()}
            for name, times in runs.items()}


def measure_help(repeat: int) -> dict[str, float]:
    """Median CPU seconds of `tracker --help` and of `python -c "import typer"`."""
    env = child_env()
    times: dict[str, list[float]] = {"tracker": [], "typer": []}
    for round_ in range(repeat + 1):  # round 0 is not counted
        helped, _ = cpu_seconds([sys.executable, "-m", "tracker", "--help"], env)
        imported, _ = cpu_seconds([sys.executable, "-c", "import typer"], env)
        if round_:
            times["tracker"].append(helped)
            times["typer"].append(imported)
    return {kind: statistics.median(v) for kind, v in times.items()}


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
    parser.add_argument("--repeat", type=int, default=9, help="runs of each command (the median is shown)")
    parser.add_argument("--workdir", type=Path, default=None, help="keep files here (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true", help="keep databases already built in --workdir")
    parser.add_argument("--pg", metavar="ADMIN_URL", default=None,
                        help="run on PostgreSQL: databases bench_upcoming_small/_large are (re)created on this server")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="upcoming-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "core_floor.py").write_text(CORE_FLOOR, encoding="utf-8")
    (workdir / "sqlite3_floor.py").write_text(SQLITE3_FLOOR, encoding="utf-8")
    print(f"workdir {workdir}; as-of {AS_OF}, window {WINDOW_DAYS}d; median CPU time of {args.repeat} runs")

    results = {}
    for label, policies in (("small", args.small), ("large", args.large)):
        db_path = workdir / f"{label}.db"
        db = fresh_pg_database(args.pg, f"bench_upcoming_{label}", args.reuse) if args.pg else f"sqlite:///{db_path}"
        measures = policies * MEASURES_PER_POLICY
        if args.reuse and (db_path.exists() or args.pg):
            print(f"{label}: reusing {db.rsplit('/', 1)[-1]} ({measures:,} measures)")
        else:
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
            print(f"{label}: {policies:,} policies, {measures:,} measures, {policies * TARGETS_PER_POLICY:,} targets; "
                  f"{how}")
        results[label] = (measures, measure(db, workdir, args.repeat))
    start_up = measure_help(args.repeat)

    print()
    print("CPU time of each command over its floor (typer + SQLAlchemy Core sending the same statements and printing")
    print("the rows; sqlite3: the same statements through the sqlite3 module alone, for the record):")
    print(f"{'measures':>10}  {'command':<9}  {'/ typer+Core':>12}  {'/ sqlite3':>9}")
    for label in ("small", "large"):
        measures, figures = results[label]
        for name, f in figures.items():
            plain = f"{f['tracker'] / f['sqlite3']:.2f}" if f["sqlite3"] == f["sqlite3"] else "n/a"  # NaN on PostgreSQL
            print(f"{measures:>10,}  {name:<9}  {f['tracker'] / f['core']:>12.2f}  {plain:>9}")
    print(f"\n`tracker --help` / `python -c \"import typer\"`: {start_up['tracker'] / start_up['typer']:.2f}")
    small, large = results["small"][1]["upcoming"], results["large"][1]["upcoming"]
    print(f"upcoming large/small: {large['tracker'] / small['tracker']:.2f} (its floor {large['core'] / small['core']:.2f}; "
          f"the database is {results['large'][0] / results['small'][0]:.0f}x larger, the rows listed the same)")


if __name__ == "__main__":
    main()
