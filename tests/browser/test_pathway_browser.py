"""The pathway map as a person uses it: deep link, a real mouse click on a node, search from the keyboard."""

from __future__ import annotations

from kb.index import knowledge_index
from tests.browser.conftest import screenshot, wait_for_app

NODE_PIXEL = """([x, y]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const L = gd._fullLayout;
  const box = gd.getBoundingClientRect();
  return [box.left + L.xaxis._offset + L.xaxis.l2p(x), box.top + L.yaxis._offset + L.yaxis.l2p(y)];
}"""


def node_pixel(page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn on screen."""
    from components.pathway_figure import Y_STRETCH

    x, y = knowledge_index().kb.layout[node_id]
    return tuple(page.evaluate(NODE_PIXEL, [x, y * Y_STRETCH]))


MARKED_NODES = """([size]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const k = gd._fullData.findIndex(trace => trace.name === 'nodes');
  const points = gd.querySelectorAll('.scatterlayer .trace')[k].querySelectorAll('.point');
  // mrc2, else mrc, is the radius plotly drew the point with (mrc2 once a click restyled it).
  return [...points].flatMap((point, i) => (point.__data__.mrc2 ?? point.__data__.mrc) > size / 2 ? [gd._fullData[k].customdata[i]] : []);
}"""


def marked_nodes(page) -> list[str]:
    """The nodes drawn enlarged (selected) on the map."""
    from components.pathway_figure import NODE_SIZE

    return page.evaluate(MARKED_NODES, [NODE_SIZE])


def heading_texts(page) -> list[str]:
    return [text.strip() for text in page.locator("h2").all_inner_texts()]


def test_deep_link_then_click_then_search(watched_page, server):
    """/pathway?node=AKT2 shows AKT2; clicking PTEN shows PTEN; searching 'glucose transporter' shows GLUT4."""
    page = watched_page
    page.goto(f"{server}/pathway?node=AKT2")
    wait_for_app(page, "What disrupts it")
    assert "AKT2" in heading_texts(page)
    assert marked_nodes(page) == ["AKT2"]
    screenshot(page, "pathway-akt2")

    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    x, y = node_pixel(page, "PTEN")
    page.mouse.move(x, y)
    page.wait_for_timeout(200)
    page.mouse.click(x, y)
    page.get_by_role("heading", name="PTEN", exact=True).wait_for(timeout=20_000)
    wait_for_app(page)
    assert "node=PTEN" in page.url, "the URL follows the selection so it can be shared"
    assert marked_nodes(page) == ["PTEN"], "the clicked node is marked, and the one before is not"
    screenshot(page, "pathway-clicked-pten")

    search = page.get_by_label("Find a molecule, cause or outcome")
    search.click()
    search.fill("glucose transporter")
    search.press("Enter")
    page.get_by_role("heading", name="GLUT4 (SLC2A4)").wait_for(timeout=20_000)
    wait_for_app(page)
    assert "node=SLC2A4" in page.url
    assert marked_nodes(page) == ["SLC2A4"]
    screenshot(page, "pathway-search-glut4")
    assert page.request_log.external == []


def test_unknown_node_shows_a_message_and_the_map(watched_page, server):
    """An unknown id in the link gets a clear message; the map still draws."""
    page = watched_page
    page.goto(f"{server}/pathway?node=NOT_A_NODE")
    wait_for_app(page, "There is no node called")
    page.locator(".js-plotly-plot").wait_for(timeout=20_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_explorer_double_click_opens_the_node_on_the_map(watched_page, server):
    """In the free explorer, double-clicking a node opens /pathway?node=ID in the top window."""
    page = watched_page
    page.goto(f"{server}/explore")
    wait_for_app(page, "Free explorer")
    frame = next(frame for frame in page.frames if frame != page.main_frame)
    frame.wait_for_function("() => typeof network !== 'undefined'", timeout=20_000)
    page.wait_for_timeout(5000)  # let the physics settle
    x, y = frame.evaluate(
        "() => { const d = network.canvasToDOM(network.getPositions(['AKT2'])['AKT2']);"
        " const r = document.getElementById('mynetwork').getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }"
    )
    box = page.locator("iframe").first.bounding_box()
    page.mouse.dblclick(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/pathway?node=AKT2", timeout=20_000)
    page.get_by_role("heading", name="AKT2", exact=True).wait_for(timeout=20_000)
    assert page.request_log.external == []
