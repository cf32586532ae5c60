"""A class, or a school, without browsers: N simulated students speaking Streamlit's websocket protocol.

Each student opens the map (fetching the page and the assets a cold browser fetches), clicks nodes,
switches the audience, goes to "Your variants", uploads a 23andMe file and then a VCF whose sample name
is that student's own marker, reads them, goes back to the map, and keeps clicking until every student
has arrived and the steady window has passed. Every answer is checked: the clicked node's heading, the
findings still on the map and in the sidebar, and no other student's marker anywhere.

Reports, per action, p50/p95/p99 from the action to the script-finished message (the complete answer),
for all actions and for the steady window when all N are connected; errors; the server's CPU and memory
(before, peak, and after every session has closed and the disconnected-session TTL has passed); the
server's own part of a click (one run of the map fragment, as benchmarks/timed_serve.py records it);
this process's own CPU; and the load average before and after.

    .venv/bin/python benchmarks/load_protocol.py 25 50 100 200            # classroom pace, one server
    .venv/bin/python benchmarks/load_protocol.py 100 --burst
    .venv/bin/python benchmarks/load_protocol.py 200 --url http://localhost:8080 --replicas
    .venv/bin/python benchmarks/load_protocol.py --validate                 # against the browser harness
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import resource
import statistics
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_client import Answer, ProtocolError, StreamlitSession, selection  # noqa: E402
from benchmarks.load_sessions import BURST, CLASSROOM, Pace  # noqa: E402
from benchmarks.servers import cpu_seconds, free_ports, rss_mb, serving, waiting_seconds  # noqa: E402
from kb.index import knowledge_index  # noqa: E402

DATA = ROOT / "tests" / "data" / "variants"
VCF = (DATA / "hg38_chr_windows.vcf").read_text()
CONSUMER = (DATA / "23andme_v5.txt").read_bytes()
MARKER = re.compile(r"LOAD\d{4}x[0-9a-f]{8}")
OUT = ROOT / "benchmarks" / "out"
AUDIENCES = ["Clinician", "Patient", "Student"]


# The class paces are load_sessions.py's, so that the two harnesses run the same class.


@dataclass
class Action:
    """One timed action of one student."""

    kind: str
    started: float
    seconds: float


@dataclass
class Tally:
    """Everything the students of one run measured."""

    actions: list[Action] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    arrived: list[float] = field(default_factory=list)
    clicking: list[float] = field(default_factory=list)  # when each reached the steady clicking
    left: list[float] = field(default_factory=list)
    reconnects: int = 0
    bytes_received: int = 0
    fault: bool = False  # a replica will be killed: a dropped connection is then a reconnect, not an error
    replicas: Counter = field(default_factory=Counter)  # the replica each session ended on


def marked_vcf(number: int) -> tuple[str, bytes]:
    """This student's VCF: the test VCF with a sample name no other student has."""
    marker = f"LOAD{number:04d}x{random.getrandbits(32):08x}"
    return marker, VCF.replace("NA12878", marker).encode()


class Student:
    """One simulated student: their session, what they must see, and their tally."""

    def __init__(self, base: str, number: int, pace: Pace, tally: Tally, assets: list[str]) -> None:
        self.base, self.number, self.pace, self.tally, self.assets = base, number, pace, tally, assets
        self.session = StreamlitSession(base)
        self.marker, self.vcf = marked_vcf(number)
        self.findings: str | None = None
        index = knowledge_index()
        nodes = sorted(index.nodes)
        start = (number * 7) % len(nodes)
        self.nodes = nodes[start:] + nodes[:start]
        self.labels = {node: index.nodes[node].label for node in nodes}
        self.clicks = 0
        self.actions = 0

    async def act(self, kind: str, action) -> Answer:
        """Run one action, time it, and check what every answer must hold."""
        started = time.perf_counter()
        answer = await action
        self.tally.actions.append(Action(kind, started, answer.seconds))
        self.tally.bytes_received += answer.bytes_received
        for error in answer.errors:
            raise ProtocolError(f"{kind}: {error}")
        for text in answer.texts:
            for marker in MARKER.findall(text):
                if marker != self.marker:
                    raise ProtocolError(f"{kind}: another session's marker {marker} was shown")
        return answer

    async def think(self) -> None:
        await asyncio.sleep(self.pace.think * random.uniform(0.8, 1.2))

    async def click(self) -> None:
        """Click the next node on the map; its detail must come, and the findings must stay on the map."""
        node = self.nodes[self.clicks % len(self.nodes)]
        if node == self.session.query_string.removeprefix("node="):
            self.clicks += 1
            node = self.nodes[self.clicks % len(self.nodes)]
        self.clicks += 1
        answer = await self.act("click", self.session.select_point("pathway_map", node))
        if not answer.shows(self.labels[node]):
            raise ProtocolError(f"click on {node}: its detail did not come")
        if self.findings is not None and not any(
            (trace.get("name") or "").startswith("Your variants")
            for trace in self.session.figure("pathway_map")["data"]
        ):
            raise ProtocolError(f"click on {node}: the findings are gone from the map")

    async def switch_audience(self) -> None:
        """Switch the sidebar's audience (a whole-page run); the findings must still be counted there."""
        audience = AUDIENCES[self.clicks % len(AUDIENCES)]
        answer = await self.act("audience", self.session.set_value("audience", string_value=audience))
        if self.findings is not None and not answer.shows(self.findings):
            raise ProtocolError(
                "after switching audience, the sidebar no longer counts this session's findings"
            )

    async def read_vcf(self, navigate: bool = True) -> None:
        """(Go to "Your variants",) read this student's VCF (its sample must show), and go back to the
        map, where the sidebar must count the findings."""
        if navigate:
            await self.act("navigate", self.session.follow_link("variants"))
            await self.think()
        answer = await self.read(f"{self.marker}.vcf", self.vcf)
        if not answer.shows(self.marker):
            raise ProtocolError("the VCF's sample was not shown after reading it")
        count = next(
            (t.split(": ", 1)[1] for t in answer.texts if t.startswith("Findings in pathway genes")), None
        )
        self.findings = f"Your variants: {count} finding(s)"
        await self.think()
        answer = await self.act("navigate", self.session.follow_link("See them on the pathway map"))
        if not answer.shows(self.findings):
            raise ProtocolError("on the map, the sidebar does not count this session's findings")

    async def recover(self) -> None:
        """The replica holding this session has gone: reconnect as the frontend does, click the map again
        (the person's next action), and expect the whole page back with the app saying that the session
        was lost and showing nothing of it; then read the file again."""
        started = time.perf_counter()
        await self.session.reconnect()
        node = self.nodes[self.clicks % len(self.nodes)]
        answer = await self.session.select_point("pathway_map", node)
        self.tally.actions.append(Action("reconnect", started, time.perf_counter() - started))
        self.tally.reconnects += 1
        for marker in (m for text in answer.texts for m in MARKER.findall(text)):
            raise ProtocolError(f"after reconnecting, a session's marker {marker} was shown")
        if not answer.shows("reconnected to the server"):
            raise ProtocolError("after its replica stopped, the page did not say that the session was lost")
        if self.findings is not None and answer.shows(self.findings):
            raise ProtocolError("findings of a lost session were shown on the new replica")
        self.findings = None
        await self.think()
        await self.read_vcf()

    async def run_like_the_browser_harness(self, nodes: list[str]) -> None:
        """What benchmarks/load_sessions.py has each browser do, for --validate: open the map, read the VCF,
        back to the map, then read and click each of `nodes`."""
        await asyncio.sleep(self.number * self.pace.ramp)
        try:
            await self.act("open", self.session.open("pathway", "node=INSR", self.assets))
            await self.act("navigate", self.session.follow_link("variants"))
            await self.act(
                "upload", self.session.upload("variants_upload", "hg38_chr_windows.vcf", VCF.encode())
            )
            await self.act("read", self.session.press("variants_read"))
            await self.act("navigate", self.session.follow_link("See them on the pathway map"))
            for node in nodes:
                await asyncio.sleep(self.pace.think)
                answer = await self.act("click", self.session.select_point("pathway_map", node))
                if not answer.shows(self.labels[node]):
                    raise ProtocolError(f"click on {node}: its detail did not come")
        except (ProtocolError, OSError) as error:
            self.tally.errors.append(f"session {self.number}: {type(error).__name__}: {error}"[:200])
        finally:
            with contextlib.suppress(Exception):
                await self.session.close()

    async def read(self, name: str, data: bytes) -> Answer:
        """Upload a file and read it."""
        await self.act("upload", self.session.upload("variants_upload", name, data))
        await self.think()
        answer = await self.act("read", self.session.press("variants_read"))
        if not answer.shows("What was found") and not any(
            "findings" in text.lower() for text in answer.texts
        ):
            raise ProtocolError(f"reading {name}: no findings were shown")
        return answer

    async def run(self, until: float) -> None:
        """The whole visit; keeps clicking until `until` (time.monotonic())."""
        await asyncio.sleep(self.number * self.pace.ramp)
        try:
            await self.act("open", self.session.open("pathway", "node=INSR", self.assets))
            self.tally.arrived.append(time.perf_counter())
            await self.think()
            await self.click()
            await self.think()
            await self.switch_audience()
            await self.think()
            await self.click()
            await self.think()
            await self.act("navigate", self.session.follow_link("variants"))
            await self.think()
            await self.read("23andme.txt", CONSUMER)
            await self.think()
            await self.read_vcf(navigate=False)
            self.tally.clicking.append(time.perf_counter())
            while time.monotonic() < until:
                await self.think()
                self.actions += 1
                try:
                    await (self.switch_audience() if self.actions % 6 == 0 else self.click())
                except ProtocolError as error:
                    if not (self.tally.fault and str(error).startswith("connection closed")):
                        raise
                    await self.recover()
        except (ProtocolError, OSError) as error:
            self.tally.errors.append(f"session {self.number}: {type(error).__name__}: {error}"[:200])
        finally:
            self.tally.left.append(time.perf_counter())
            self.tally.replicas[self.session.cookies.get("ipe_replica", "-")] += 1
            with contextlib.suppress(Exception):  # a session already gone is closed
                await self.session.close()


def cold_assets(base: str) -> list[str]:
    """What a cold browser fetches to show the map: the page's own list (scripts, styles, fonts), and the
    chunks it loads on demand for the elements the map page draws (recorded by --record-assets)."""
    recorded = OUT / "cold-open-assets.txt"
    if recorded.exists():
        return recorded.read_text().split()
    with urllib.request.urlopen(f"{base}/pathway") as response:
        html = response.read().decode()
    return sorted({"/" + path.lstrip("./") for path in re.findall(r'(?:src|href)="(\./static/[^"]+)"', html)})


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, int(round(fraction * len(ordered))) - 1)] if ordered else float("nan")


def spread(values: list[float]) -> str:
    if not values:
        return "none"
    return (
        f"p50 {statistics.median(values):.3f} s, p95 {percentile(values, 0.95):.3f} s,"
        f" p99 {percentile(values, 0.99):.3f} s (n={len(values)})"
    )


@dataclass
class Watched:
    """A process to watch: its name, how to find its pid now, and what it used."""

    name: str
    pid: Callable[[], int | None]
    cpu_start: float = 0.0
    cpu_used: float = 0.0  # CPU of pids that have since died (a killed replica)
    cpu_last: float = 0.0
    last_pid: int | None = None
    rss_before: float = 0.0
    rss_peak: float = 0.0
    wait_start: float = 0.0
    wait_last: float = 0.0

    def start(self) -> None:
        pid = self.pid()
        prioritise(pid)
        self.last_pid = pid
        self.cpu_start = self.cpu_last = _cpu(pid)
        self.wait_start = self.wait_last = _waiting(pid)
        self.rss_before = self.rss_peak = _rss(pid)

    def sample(self) -> float:
        """CPU seconds used since start, across restarts; and note the memory peak."""
        pid = self.pid()
        if pid != self.last_pid:  # restarted: bank what the old process used
            prioritise(pid)
            self.cpu_used += self.cpu_last - self.cpu_start
            self.cpu_start = self.cpu_last = 0.0
            self.wait_start -= self.wait_last
            self.wait_last = 0.0
            self.last_pid = pid
        self.wait_last = _waiting(pid) or self.wait_last
        self.cpu_last = _cpu(pid) or self.cpu_last
        self.rss_peak = max(self.rss_peak, _rss(pid))
        return self.cpu_used + self.cpu_last - self.cpu_start


NICE = 0  # --nice: the priority given to the servers, nginx and this generator


def prioritise(pid: int | None) -> None:
    """Give every thread of a process the priority NICE (threads it starts later inherit it)."""
    if not NICE or not pid:
        return
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, int(task.name), NICE)


def _cpu(pid: int | None) -> float:
    try:
        return cpu_seconds(pid) if pid else 0.0
    except OSError:
        return 0.0


def _waiting(pid: int | None) -> float:
    try:
        return waiting_seconds(pid) if pid else 0.0
    except OSError:
        return 0.0


def _rss(pid: int | None) -> float:
    try:
        return rss_mb(pid) if pid else 0.0
    except OSError:
        return 0.0


async def drive(
    base: str,
    sessions: int,
    pace: Pace,
    steady: float,
    watched: list[Watched],
    assets: list[str],
    fault: Callable[[Tally], None] | None = None,
) -> tuple[Tally, list[tuple[float, list[float]]]]:
    """Run the students against `base`, sampling the watched processes every second; `fault` is called
    once per second with the tally (it decides when to break something). Returns the tally and samples."""
    tally = Tally(fault=fault is not None)
    until = time.monotonic() + sessions * pace.ramp + 12 * pace.think + 5 + steady
    students = [Student(base, number, pace, tally, assets) for number in range(sessions)]
    tasks = [asyncio.create_task(student.run(until)) for student in students]
    samples: list[tuple[float, list[float]]] = []
    while not all(task.done() for task in tasks):
        samples.append((time.perf_counter(), [process.sample() for process in watched]))
        if fault is not None:
            fault(tally)
        await asyncio.sleep(1.0)
    samples.append((time.perf_counter(), [process.sample() for process in watched]))
    return tally, samples


def report(
    title: str, tally: Tally, samples, watched: list[Watched], own: float, run_times: Path | None
) -> dict:
    """Print the run's figures and return them."""
    elapsed = samples[-1][0] - samples[0][0]
    interactive = [a.seconds for a in tally.actions if a.kind not in ("open", "reconnect")]
    window = (max(tally.arrived), min(tally.left)) if tally.arrived and tally.left else (0.0, 0.0)
    steady = [
        a.seconds
        for a in tally.actions
        if a.kind not in ("open", "reconnect") and window[0] <= a.started <= window[1]
    ]
    by_kind = defaultdict(list)
    for action in tally.actions:
        by_kind[action.kind].append(action.seconds)
    print(title)
    print(f"  errors {len(tally.errors)}; actions {len(tally.actions)}; in {elapsed:.0f} s")
    for error, count in Counter(re.sub(r"session \d+", "session N", e) for e in tally.errors).most_common(5):
        print(f"    {count} x {error}")
    print(f"  every action but opening, action to complete answer: {spread(interactive)}")
    print(
        f"    in the steady window with all sessions connected ({window[1] - window[0]:.0f} s): {spread(steady)}"
    )
    for kind in ("click", "audience", "navigate", "upload", "read", "open", "reconnect"):
        if by_kind[kind]:
            print(f"    {kind:9} {spread(by_kind[kind])}")
    if tally.fault or len(tally.replicas) > 1:
        ended = ", ".join(f"replica {name}: {count}" for name, count in sorted(tally.replicas.items()))
        print(
            f"  sessions by the replica they ended on: {ended}; reconnected after a replica stopped: {tally.reconnects}"
        )
    busiest = 0.0
    for i in range(5, len(samples)):
        (t0, c0), (t1, c1) = samples[i - 5], samples[i]
        busiest = max(busiest, sum(b - a for a, b in zip(c0, c1, strict=True)) / (t1 - t0))
    total = 0.0
    for index, process in enumerate(watched):
        used = samples[-1][1][index]
        total += used
        waited = process.wait_last - process.wait_start
        print(
            f"  {process.name}: CPU {used:.1f} s ({used / elapsed:.2f} cores on average), and {waited:.1f} s"
            f" runnable but waiting for a CPU (the machine's other work); memory before"
            f" {process.rss_before:.0f} MB, peak {process.rss_peak:.0f} MB"
        )
    print(
        f"  together: {total / elapsed:.2f} cores on average, {busiest:.2f} in the busiest 5 s (of 2 cores)"
    )
    print(f"  this load generator: CPU {own:.1f} s ({own / elapsed:.2f} cores)")
    actions = len(tally.actions)
    print(
        f"  server CPU per action: {1000 * total / max(actions, 1):.0f} ms ({actions} actions, opening included)"
    )
    figures = {
        "cpu_ms_per_action": 1000 * total / max(actions, 1),
        "waited": sum(process.wait_last - process.wait_start for process in watched),
        "errors": len(tally.errors),
        "reconnects": tally.reconnects,
        "p50": statistics.median(interactive) if interactive else None,
        "p95": percentile(interactive, 0.95),
        "p99": percentile(interactive, 0.99),
        "click_p50": statistics.median(by_kind["click"]) if by_kind["click"] else None,
        "click_p95": percentile(by_kind["click"], 0.95),
        "steady_p95": percentile(steady, 0.95),
        "server_cores": total / elapsed,
        "busiest_cores": busiest,
        "replicas": dict(tally.replicas),
    }
    if run_times is not None and run_times.exists():
        lines = run_times.read_text().splitlines()
        clicks = [float(line.split()[1]) for line in lines if line.startswith("fragment")]
        pages = [float(line.split()[1]) for line in lines if line.startswith("page")]
        print(f"  the server's part of a click (one fragment run): {spread(clicks)}")
        print(f"  the server's part of a page run: {spread(pages)}")
        figures["fragment_p50"] = statistics.median(clicks) if clicks else None
    return figures


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def describe(sessions: int, pace: Pace, where: str, before: str) -> str:
    priority = f" at nice {NICE}" if NICE else ""
    return (
        f"{sessions} protocol sessions{priority}, {pace.name} pace (arrivals {pace.ramp} s apart, {pace.think} s reading"
        f" before each action), {where}; load average before {before}, after {load_average()}"
    )


async def _warm(base: str) -> None:
    session = StreamlitSession(base)
    await session.open("pathway", "node=INSR")
    await session.close()


def one_server(sessions: int, pace: Pace, steady: float, rounds: int = 1) -> list[dict]:
    """Start a fresh timed server and drive `sessions` students through it, `rounds` times in a row (the
    memory after each round shows whether anything stays); report each round."""
    results = []
    run_times = OUT / f"protocol-run-times-{sessions}-{pace.name}.txt"
    run_times.parent.mkdir(parents=True, exist_ok=True)
    with serving("app.py", run_times=run_times) as (base, process):
        assets = cold_assets(base)
        asyncio.run(_warm(base))
        for round_number in range(1, rounds + 1):
            time.sleep(2)
            run_times.unlink(missing_ok=True)
            server = Watched("server", lambda: process.pid)
            server.start()
            before, cpu_before = load_average(), own_cpu()
            tally, samples = asyncio.run(drive(base, sessions, pace, steady, [server], assets))
            where = "one server" + (f", round {round_number} of {rounds}" if rounds > 1 else "")
            figures = report(
                describe(sessions, pace, where, before),
                tally,
                samples,
                [server],
                own_cpu() - cpu_before,
                run_times,
            )
            time.sleep(40)  # past the disconnected-session TTL (30 s)
            after = rss_mb(process.pid)
            print(
                f"  server memory 40 s after every session closed: {after:.0f} MB (before {server.rss_before:.0f} MB)"
            )
            figures.update(
                sessions=sessions, pace=pace.name, round=round_number, load_before=before, load_after=load_average(),
                rss_before=server.rss_before, rss_peak=server.rss_peak, rss_after=after,
            )  # fmt: skip
            results.append(figures)
    return results


def _replica_pid(state: Any, index: int) -> Callable[[], int | None]:
    """The pid of replica `index` now (a killed replica is restarted under a new pid)."""
    return lambda: state.replicas[index].pid


def behind_nginx(sessions: int, pace: Pace, steady: float, replicas: int, kill_after: float | None) -> dict:
    """Start `replicas` replicas behind nginx (deploy/replicas.py) and drive the students through nginx;
    with `kill_after`, kill replica 1 that many seconds after every student has read their file."""
    from deploy.replicas import cluster  # noqa: PLC0415 - only this mode needs nginx

    port, *ports = free_ports(replicas + 1)
    with cluster(replicas=replicas, port=port, ports=ports, run=OUT / "replicas") as state:
        base = state.base
        assets = cold_assets(base)
        for _ in range(replicas):
            asyncio.run(_warm(base))
        time.sleep(2)
        watched = [Watched(f"replica {n}", _replica_pid(state, n - 1)) for n in range(1, replicas + 1)]
        watched.append(Watched("nginx", lambda: state.nginx.pid if state.nginx else None))
        for process in watched:
            process.start()
        killed: list[float] = []

        def fault(tally: Tally) -> None:
            state.supervise_once()
            if kill_after is None or killed or len(tally.clicking) < sessions:
                return
            if time.perf_counter() - max(tally.clicking) >= kill_after:
                state.kill(1)
                killed.append(time.perf_counter())
                print(
                    f"  replica 1 killed {kill_after:.0f} s after every session had read its file", flush=True
                )

        before, cpu_before = load_average(), own_cpu()
        tally, samples = asyncio.run(
            drive(base, sessions, pace, steady, watched, assets, fault if kill_after is not None else None)
        )
        where = f"{replicas} replicas behind nginx" + (
            ", replica 1 killed under load" if kill_after is not None else ""
        )
        figures = report(
            describe(sessions, pace, where, before), tally, samples, watched, own_cpu() - cpu_before, None
        )
        figures.update(sessions=sessions, pace=pace.name, replicas_started=replicas, restarts=state.restarts)
    return figures


async def browser_click(base: str, node: str) -> tuple[dict, dict, list[str]]:
    """Open the map in chromium, click `node`, and return the selection JSON the frontend sent for the
    chart, the figure it had drawn, and every path a cold open of the map requested."""
    from playwright.async_api import async_playwright  # noqa: PLC0415 - only --validate drives a browser
    from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: PLC0415
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: PLC0415

    from benchmarks.load_sessions import open_map  # noqa: PLC0415
    from benchmarks.page_scripts import NODE_PIXEL  # noqa: PLC0415
    from benchmarks.servers import CHROMIUM, CHROMIUM_ARGS  # noqa: PLC0415
    from components.pathway_figure import Y_STRETCH  # noqa: PLC0415

    sent: list[str] = []
    figures: list[dict] = []
    requested: list[str] = []

    def on_sent(payload) -> None:
        message = BackMsg()
        message.ParseFromString(payload)
        for widget in message.rerun_script.widget_states.widgets:
            if widget.id.endswith("-pathway_map"):
                sent.append(widget.string_value)

    def on_received(payload) -> None:
        message = ForwardMsg()
        message.ParseFromString(payload)
        if (
            message.WhichOneof("type") == "delta"
            and message.delta.new_element.WhichOneof("type") == "plotly_chart"
        ):
            figures.append(json.loads(message.delta.new_element.plotly_chart.spec))

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await (await browser.new_context(viewport={"width": 1280, "height": 900})).new_page()
        page.on("request", lambda request: requested.append(request.url.removeprefix(base)))

        def watch(ws) -> None:
            ws.on("framesent", on_sent)
            ws.on("framereceived", on_received)

        page.on("websocket", watch)
        await open_map(page, base)
        await page.wait_for_selector(".js-plotly-plot")
        await page.wait_for_timeout(1500)
        x, y = knowledge_index().kb.layout[node]
        px, py = await page.evaluate(NODE_PIXEL, [x, y * Y_STRETCH])
        await page.mouse.click(px, py)
        await page.wait_for_timeout(3000)
        await browser.close()
    assets = [path for path in requested if path.startswith(("/static/", "/favicon"))]
    return json.loads(sent[-1]), figures[-1], assets


def validate(sessions: int) -> None:
    """Check this generator against a real browser: the click it sends, and the server's work per click
    at `sessions` sessions in each harness (the browsers as tabs of one chromium)."""
    from benchmarks.load_sessions import CLICKS  # noqa: PLC0415
    from benchmarks.load_sessions import run as browser_run  # noqa: PLC0415

    with serving("app.py") as (base, _):
        browser_selection, figure, assets = asyncio.run(browser_click(base, "PTEN"))
    ours = selection(figure, "PTEN")
    same = (
        "identical"
        if ours == browser_selection
        else f"DIFFERENT:\n  browser {browser_selection}\n  ours    {ours}"
    )
    print(f"The click on PTEN as chromium's frontend sent it, and as this generator sends it: {same}")
    recorded = OUT / "cold-open-assets.txt"
    recorded.write_text("\n".join(dict.fromkeys(assets)) + "\n")
    print(f"A cold open of the map fetched {len(set(assets))} static files (recorded in {recorded.name}).")

    print(
        f"\nBrowser harness: {sessions} sessions as tabs of one chromium (load_sessions.py), load {load_average()}"
    )
    browser = asyncio.run(browser_run(sessions, CLASSROOM, tabs=True, settle=0))
    run_times = OUT / f"validate-run-times-{sessions}.txt"
    run_times.unlink(missing_ok=True)
    with serving("app.py", run_times=run_times) as (base, process):
        asyncio.run(_warm(base))
        time.sleep(2)
        run_times.unlink(missing_ok=True)
        cpu_before = cpu_seconds(process.pid)
        tally = Tally()

        async def students() -> None:
            # The tabs of one chromium share its cache: only the first fetches the frontend's files.
            group = [
                Student(base, n, CLASSROOM, tally, cold_assets(base) if n == 0 else [])
                for n in range(sessions)
            ]
            await asyncio.gather(*(student.run_like_the_browser_harness(CLICKS) for student in group))

        print(f"\nThis generator, the same steps, {sessions} sessions; load {load_average()}")
        asyncio.run(students())
        server_cpu = cpu_seconds(process.pid) - cpu_before
    fragments = [
        float(line.split()[1]) for line in run_times.read_text().splitlines() if line.startswith("fragment")
    ]
    print(f"  errors {len(tally.errors)} {tally.errors[:2]}; clicks {len(fragments)}")
    ratio = statistics.median(fragments) / statistics.median(browser["fragment_runs"])
    per_session = (server_cpu / sessions) / (browser["server_cpu"] / sessions)
    print(
        f"\nServer's part of a click (median fragment run): browsers {statistics.median(browser['fragment_runs']):.3f} s,"
        f" this generator {statistics.median(fragments):.3f} s, ratio {ratio:.2f}"
        f" ({'within' if abs(ratio - 1) <= 0.2 else 'NOT within'} 20 %)"
    )
    print(
        f"Server CPU per session: browsers {browser['server_cpu'] / sessions:.2f} s, this generator"
        f" {server_cpu / sessions:.2f} s, ratio {per_session:.2f}; load average now {load_average()}"
    )


def sweep(steady: float) -> None:
    """The whole capacity sweep, for a quiet machine: one server at classroom pace (the 100-session run
    twice on the same server, for memory that stays) and at burst pace, at 25, 50, 100 and 200
    sessions; then two replicas behind nginx at twice the classroom knee (the largest count with zero
    errors and a p95 under 1 s), and the same with replica 1 killed under load."""
    rows = []
    for pace in (CLASSROOM, BURST):
        for count in (25, 50, 100, 200):
            rows += one_server(count, pace, steady, rounds=2 if (pace, count) == (CLASSROOM, 100) else 1)
    passing = [
        r["sessions"] for r in rows if r["pace"] == "classroom" and r["errors"] == 0 and r["p95"] < 1.0
    ]
    knee = max(passing, default=25)
    for kill in (None, steady / 3):
        before = load_average()
        figures = behind_nginx(2 * knee, CLASSROOM, steady, 2, kill)
        figures.update(load_before=before, load_after=load_average(), round=1, rss_after=float("nan"))
        rows.append(figures)
    print(f"\nClassroom knee on one server: {knee} sessions. Summary (markdown):\n")
    print(
        "| where | pace | sessions | errors | p50 / p95 / p99 (s) | click p95 (s) | server cores avg / busiest 5 s | memory before / peak / after (MB) | load before → after |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        where = (
            f"{r['replicas_started']} replicas + nginx"
            + (" (replica 1 killed)" if r.get("reconnects") else "")
            if "replicas_started" in r
            else f"one server, round {r['round']}"
        )
        memory = (
            f"{r['rss_before']:.0f} / {r['rss_peak']:.0f} / {r['rss_after']:.0f}"
            if "rss_before" in r
            else "see output"
        )
        print(
            f"| {where} | {r['pace']} | {r['sessions']} | {r['errors']} | {r['p50']:.3f} / {r['p95']:.3f} / {r['p99']:.3f}"
            f" | {r['click_p95']:.3f} | {r['server_cores']:.2f} / {r['busiest_cores']:.2f} | {memory}"
            f" | {r['load_before']} → {r['load_after']} |"
        )
    (OUT / "protocol-sweep.json").write_text(json.dumps(rows, indent=1, default=str))


def main() -> None:
    """Parse the command line and run what it asks."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("sessions", nargs="*", type=int, default=[25, 50, 100, 200])
    parser.add_argument("--burst", action="store_true", help="burst pace instead of classroom pace")
    parser.add_argument(
        "--steady", type=float, default=60.0, help="seconds of clicking once all have arrived"
    )
    parser.add_argument(
        "--validate", action="store_true", help="compare with the browser harness at N sessions"
    )
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="run the servers, nginx and this generator at this priority (e.g. -10 on a shared machine)",
    )
    parser.add_argument("--sweep", action="store_true", help="the whole capacity sweep (see sweep())")
    parser.add_argument("--rounds", type=int, default=1, help="rounds on the same server (memory that stays)")
    parser.add_argument("--replicas", type=int, default=0, help="serve through nginx with this many replicas")
    parser.add_argument(
        "--kill-after", type=float, help="with --replicas: kill replica 1 this long after the last arrival"
    )
    args = parser.parse_args()
    pace = BURST if args.burst else CLASSROOM
    global NICE
    NICE = args.nice
    prioritise(os.getpid())
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # hundreds of websockets and connections
    if args.sweep:
        sweep(args.steady)
        return
    if args.validate:
        validate(args.sessions[0] if sys.argv[1:2] and sys.argv[1].isdigit() else 5)
        return
    results: list[dict] = []
    for count in args.sessions:
        if args.replicas:
            results.append(behind_nginx(count, pace, args.steady, args.replicas, args.kill_after))
        else:
            results += one_server(count, pace, args.steady, args.rounds)
    name = f"protocol-{pace.name}{f'-{args.replicas}replicas' if args.replicas else ''}.json"
    (OUT / name).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
