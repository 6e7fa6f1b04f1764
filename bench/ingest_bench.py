"""Ingest throughput: the seed documents repeated to N documents (default 1,000), on a fresh SQLite database.

Prints documents/s and MB/s for the full ingest (read + decode + extract + store, one transaction per file)
beside reading and decoding only the same files (and read + decode + extract, no database), and the ratio between the two, all measured in this run.
Each copy gets a distinct trailing line so its SHA-256 differs and it goes through matching and merging
rather than the "already ingested" shortcut.

    python bench/ingest_bench.py [--docs 1000] [--db postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()

    from tracker.bootstrap import connect
    from tracker.clock import local_today, utc_now
    from tracker.config import load_settings
    from tracker.resources import seed_dir
    from tracker.store.db import make_engine, upgrade
    from tracker.store.ingest import extract_file, ingest_file, read_document

    work = Path(tempfile.mkdtemp(prefix="ingest-bench-"))
    sources = sorted(p for p in (seed_dir() / "sources").glob("*.txt"))
    files = []
    for i in range(args.docs):
        src = sources[i % len(sources)]
        path = work / f"{i:05d}_{src.name}"
        path.write_bytes(src.read_bytes() + f"\n\n（第{i}份副本）\n".encode())
        files.append(path)
    total_mb = sum(p.stat().st_size for p in files) / 1e6

    url = args.db or f"sqlite:///{work / 'bench.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app = connect(load_settings(database_url=url))
    now = utc_now()
    today = local_today(app.settings.zone, now)

    # Wall time, and this process's CPU time beside it: on a shared machine the CPU figures are the steadier
    # (the database's own work is in-process for SQLite; on PostgreSQL the server's share is left out).
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        read_document(path)
    decode_s, decode_cpu = time.perf_counter() - start, time.process_time() - cpu

    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        extract_file(*read_document(path), str(path), None)
    extract_s, extract_cpu = time.perf_counter() - start, time.process_time() - cpu

    start, cpu = time.perf_counter(), time.process_time()
    failed = sum(not ingest_file(app, path, now=now, today=today).ok for path in files)
    ingest_s, ingest_cpu = time.perf_counter() - start, time.process_time() - cpu
    app.dispose()

    print(f"documents: {len(files)} ({total_mb:.1f} MB) from {len(sources)} seeds; database {url.split(':')[0]}")
    print(f"read+decode only : {len(files) / decode_s:10.1f} docs/s {total_mb / decode_s:8.2f} MB/s ({decode_s:.2f} s)")
    print(f"read+extract     : {len(files) / extract_s:10.1f} docs/s {total_mb / extract_s:8.2f} MB/s ({extract_s:.2f} s)")
    print(f"full ingest      : {len(files) / ingest_s:10.1f} docs/s {total_mb / ingest_s:8.2f} MB/s ({ingest_s:.2f} s)")
    print(f"ingest / decode time ratio: {ingest_s / decode_s:.1f}x; extraction is {extract_s / ingest_s:.0%} of ingest;"
          f" failed files: {failed}")
    print(f"ingest rate / extraction rate: {extract_s / ingest_s:.2f} wall, {extract_cpu / ingest_cpu:.2f} CPU "
          f"(goal >= 0.5); CPU s: decode {decode_cpu:.2f}, extract {extract_cpu:.2f}, ingest {ingest_cpu:.2f}")


if __name__ == "__main__":
    main()
