"""Two replicas behind nginx on loopback, used as a person would: a session keeps its findings."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from benchmarks.servers import free_ports
from deploy.replicas import NGINX, cluster
from tests.browser.conftest import screenshot, wait_for_app
from tests.browser.test_pathway_browser import node_pixel
from tests.conftest import ROOT

VCF = (ROOT / "tests" / "data" / "variants" / "hg38_chr_windows.vcf").read_text()
CLICKS = ["PTEN", "IRS1", "FOXO1", "AKT2", "INSR", "SLC2A4", "TBC1D4", "PPARG", "IRS2", "PDPK1"] * 2
WITH_FINDINGS = (
    "() => { const gd = document.querySelector('.js-plotly-plot');"
    " return !!gd && !!gd.data && gd.data.some((trace) => (trace.name || '').startsWith('Your variants')); }"
)


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    """Two replicas of the app and nginx in front of them, on free loopback ports."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: `make test` installs Debian's nginx")
    port, *ports = free_ports(3)
    with cluster(replicas=2, port=port, ports=ports, run=tmp_path_factory.mktemp("replicas")) as state:
        yield state


def _read_marked_vcf(page, base: str, marker: str, tmp_path) -> str:
    """Upload a VCF whose sample is `marker`, read it, open the map, and return the sidebar's findings line."""
    vcf = tmp_path / f"{marker}.vcf"
    vcf.write_text(VCF.replace("NA12878", marker))
    page.goto(f"{base}/variants")
    wait_for_app(page, "Upload a VCF")
    page.locator('input[type="file"]').set_input_files(str(vcf))
    page.get_by_role("button", name="Read the file").click()
    page.get_by_text("What was found").wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.get_by_text(marker).count() > 0, "the reading shows this person's own sample"
    page.get_by_role("link", name="See them on the pathway map").click()
    page.wait_for_function(WITH_FINDINGS, timeout=30_000)
    wait_for_app(page)
    return (
        page.locator('[data-testid="stSidebar"]')
        .get_by_text(re.compile(r"Your variants: \d+ finding"))
        .inner_text()
    )


# Streamlit's frontend first looks for its server under the page's own path (/variants/_stcore/health),
# and is answered 404 by design.
BASE_PATH_PROBE = re.compile(r"/[^/_]+/_stcore/(health|host-config)$")


def _refused(response, failed: list[str]) -> None:
    if response.status >= 400 and not BASE_PATH_PROBE.search(response.url):
        failed.append(f"{response.status} {response.url}")


def _replica_cookie(context) -> str:
    return next(cookie["value"] for cookie in context.cookies() if cookie["name"] == "ipe_replica")


def test_a_session_keeps_its_findings_across_twenty_clicks_behind_two_replicas(browser, replicas, tmp_path):
    """Two people behind nginx land on different replicas; one uploads, reads and clicks twenty nodes,
    and after every click the map still shows their findings, and only theirs."""
    base = replicas.base
    other = browser.new_context(viewport={"width": 1500, "height": 1100})
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    failed: list[str] = []
    try:
        other_page = other.new_page()
        other_line = _read_marked_vcf(other_page, base, "OTHERPERSON", tmp_path)
        page = context.new_page()
        page.on("response", lambda response: _refused(response, failed))
        line = _read_marked_vcf(page, base, "THISPERSON", tmp_path)
        assert _replica_cookie(context) != _replica_cookie(other), (
            "the two sessions are spread over both replicas"
        )
        pinned = _replica_cookie(context)
        for node in CLICKS:
            page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
            x, y = node_pixel(page, node)
            page.mouse.move(x, y)
            page.wait_for_timeout(150)
            page.mouse.click(x, y)
            page.wait_for_url(re.compile(f"node={node}$"), timeout=20_000)
            wait_for_app(page)
            assert page.evaluate(WITH_FINDINGS), (
                f"after clicking {node}, the map still shows this session's findings"
            )
            assert page.get_by_text(line).count() == 1, (
                f"after clicking {node}, the sidebar still counts them"
            )
        screenshot(page, "replicas-twenty-clicks")
        assert _replica_cookie(context) == pinned, "the session stayed on its replica"
        assert page.get_by_text("OTHERPERSON").count() == 0
        assert other_page.get_by_text("THISPERSON").count() == 0 and other_line
        assert failed == [], (
            "no request was refused (an upload or media request reaching the wrong replica is)"
        )
    finally:
        context.close()
        other.close()


def test_when_a_replica_dies_its_session_is_told_and_the_other_carries_on(browser, replicas, tmp_path):
    """Kill the replica holding one person's session: their page reconnects to the other replica, and
    their next click on the map brings the whole page back, saying that what they had read is gone; the
    other person, on the surviving replica, keeps clicking with their findings; neither ever sees the
    other's sample."""
    base = replicas.base
    lost = browser.new_context(viewport={"width": 1500, "height": 1100})
    kept = browser.new_context(viewport={"width": 1500, "height": 1100})
    try:
        lost_page, kept_page = lost.new_page(), kept.new_page()
        lost_line = _read_marked_vcf(lost_page, base, "LOSTPERSON", tmp_path)
        kept_line = _read_marked_vcf(kept_page, base, "KEPTPERSON", tmp_path)
        assert _replica_cookie(lost) != _replica_cookie(kept)
        replicas.kill(int(_replica_cookie(lost)))

        notice = lost_page.locator('[data-testid="stSidebar"]').get_by_text("reconnected to the server")
        for attempt in range(12):  # the page reconnects on its own within seconds; clicks before are lost
            lost_page.wait_for_timeout(2500)
            x, y = node_pixel(lost_page, "PTEN" if attempt % 2 else "IRS1")
            lost_page.mouse.click(x, y)
            if notice.count():
                break
        notice.wait_for(timeout=30_000)
        wait_for_app(lost_page)
        assert lost_page.get_by_text(lost_line).count() == 0, "the lost session's findings are not claimed"
        assert lost_page.get_by_text("KEPTPERSON").count() == 0
        screenshot(lost_page, "replicas-session-moved")

        for node in ("PTEN", "IRS1", "FOXO1"):
            x, y = node_pixel(kept_page, node)
            kept_page.mouse.click(x, y)
            kept_page.wait_for_url(re.compile(f"node={node}$"), timeout=20_000)
            wait_for_app(kept_page)
            assert kept_page.evaluate(WITH_FINDINGS)
            assert kept_page.get_by_text(kept_line).count() == 1
        assert kept_page.get_by_text("reconnected to the server").count() == 0
    finally:
        lost.close()
        kept.close()


def test_the_shipped_nginx_files_are_the_generated_ones_and_nginx_accepts_them(tmp_path):
    """deploy/nginx holds what `replicas.py --write-config` writes for two replicas, and nginx -t passes
    on it with a main configuration like Debian's."""
    from deploy.replicas import ROOT as DEPLOY_ROOT
    from deploy.replicas import main_config, write_config

    write_config(tmp_path, [8511, 8512], 8080, "/var/cache/nginx/insulin-pathway", loopback=False)
    for name in ("insulin-pathway.conf", "insulin-pathway-replicas.conf"):
        shipped = (DEPLOY_ROOT / "deploy" / "nginx" / name).read_text()
        assert (tmp_path / name).read_text() == shipped, f"deploy/nginx/{name} is out of date: regenerate it"
    run = tmp_path / "run"
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "cache"):
        (run / "tmp" / kind).mkdir(parents=True)
    write_config(run, [8511, 8512], 8080, str(run / "tmp" / "cache"), loopback=True)
    (run / "nginx.conf").write_text(main_config(run))
    check = subprocess.run(
        [NGINX, "-t", "-p", str(run), "-c", str(run / "nginx.conf")], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
