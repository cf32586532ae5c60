"""Start and stop app servers on free loopback ports for the benchmarks."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]  # fmt: skip


def free_ports(count: int) -> list[int]:
    """`count` distinct free TCP ports on the loopback interface (held open together, so all differ)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    return free_ports(1)[0]


@contextmanager
def serving(script: str = "app.py", run_times: Path | None = None):
    """Serve `script` (through serve.py for the app) and yield (base URL, process).

    With `run_times`, the app is served by benchmarks/timed_serve.py, which appends each script run's
    duration to that file.
    """
    port = free_port()
    if script == "app.py" and run_times is not None:
        command = [sys.executable, "benchmarks/timed_serve.py"]
    elif script == "app.py":
        command = [sys.executable, "serve.py"]
    else:
        command = [sys.executable, "-m", "streamlit", "run", script]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
                "--browser.gatherUsageStats", "false"]  # fmt: skip
    log = (ROOT / "benchmarks" / "out").joinpath(f"server-{port}.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, "RUN_TIMES_FILE": str(run_times)} if run_times is not None else None
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT, env=environment
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.2)
    try:
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_ticks(process: Path, with_children: bool = False) -> int:
    """User plus system clock ticks of /proc/PID, and of its reaped children if asked."""
    # Fields after the command name: utime and stime are the 12th and 13th, cutime and cstime follow.
    fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11 : 15 if with_children else 13])


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used, in seconds."""
    return _cpu_ticks(Path(f"/proc/{pid}")) / os.sysconf("SC_CLK_TCK")


def waiting_seconds(pid: int) -> float:
    """Seconds the threads of a process have spent runnable but waiting for a CPU (the kernel's
    schedstat): what a busy machine, not the process's own work, added to its answers."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[1])
        except (OSError, IndexError, ValueError):  # a thread ended while being read
            continue
    return total / 1e9


def browser_cpu_seconds() -> float:
    """CPU time used by every chromium process now running, with the children they have already reaped
    (closed tabs' renderers), in seconds."""
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"chromium" in (entry / "cmdline").read_bytes()[:300]:
                ticks += _cpu_ticks(entry, with_children=True)
        except OSError:  # the process ended while being read
            continue
    return ticks / os.sysconf("SC_CLK_TCK")
