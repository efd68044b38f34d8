"""The ingest's process pool: order kept, workers sharing what the forkserver preloaded."""

import json
import os
import subprocess
import sys
from pathlib import Path

from archive.ingest.parallel import bounded_map

PROBE = "tests.ingest.preload_probe"


def _square(x: int) -> int:
    return x * x


def where_built(_: int) -> tuple[int, int]:
    """(the pid that imported the probe module, this worker's pid)."""
    probe = sys.modules.get(PROBE)
    return (probe.BUILT_IN if probe else -1), os.getpid()


def test_results_come_back_in_order_from_worker_processes():
    assert list(bounded_map(_square, range(200), workers=2, chunk_size=7)) == [x * x for x in range(200)]


def test_one_worker_runs_in_this_process():
    assert {pid for _, pid in bounded_map(where_built, range(3), workers=1)} == {os.getpid()}


def test_workers_share_what_the_preloaded_modules_built_before_they_forked():
    # A fresh interpreter: the forkserver is started once per process, by the first pool.
    code = (
        "import json, os\n"
        "from archive.ingest.parallel import bounded_map\n"
        "from tests.ingest.test_parallel import PROBE, where_built\n"
        "results = list(bounded_map(where_built, range(64), workers=2, chunk_size=4, preload=(PROBE,)))\n"
        "print(json.dumps({'parent': os.getpid(), 'results': results}))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(out.stdout)
    built = {b for b, _ in report["results"]}
    workers = {w for _, w in report["results"]}
    assert len(built) == 1 and -1 not in built  # imported once...
    assert built.isdisjoint(workers | {report["parent"]})  # ...by the forkserver, before the workers forked


def test_workers_import_the_preloaded_modules_themselves_if_the_forkserver_did_not():
    list(bounded_map(_square, range(64), workers=2))  # the forkserver may now run without the probe
    results = list(bounded_map(where_built, range(64), workers=2, chunk_size=4, preload=(PROBE,)))
    assert all(built != -1 for built, _ in results)
