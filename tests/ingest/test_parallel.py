"""The ingest's process pool: order kept, workers sharing what the forkserver preloaded."""

import json
import os
import signal
import subprocess
import time
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


def slow_pid(_: int) -> int:
    time.sleep(0.05)
    return os.getpid()


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


def test_workers_exit_when_the_process_that_started_them_is_killed(tmp_path):
    """``kill PID`` of an ingest alone must not leave its forkserver and workers behind."""
    code = (
        "from archive.ingest.parallel import bounded_map\n"
        "from tests.ingest.test_parallel import slow_pid\n"
        "for pid in bounded_map(slow_pid, range(10_000), workers=2, chunk_size=1):\n"
        "    print(pid, flush=True)\n"
    )
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen([sys.executable, "-c", code], cwd=root, stdout=subprocess.PIPE, text=True)
    workers = set()
    while len(workers) < 2:
        workers.add(int(process.stdout.readline()))
    forkserver = {int(line.split()[1]) for line in _children_of(workers)}
    process.kill()  # SIGKILL to the parent alone: no cleanup runs in it
    process.wait()
    left = workers | forkserver
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(pid) for pid in left):
        time.sleep(0.2)
    survivors = [pid for pid in left if _alive(pid)]
    for pid in survivors:  # not left running after a failure
        os.kill(pid, signal.SIGKILL)
    assert not survivors


def _children_of(pids: set[int]) -> list[str]:
    """``"pid ppid"`` lines for the given processes (their parent is the forkserver)."""
    lines = []
    for pid in pids:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        lines.append(f"{pid} {fields[1]}")
    return lines


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited
    except FileNotFoundError:
        return False
