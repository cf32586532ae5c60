"""The pathway map as a person uses it: deep link, a real mouse click on a node, search from the keyboard;
legible at every window size; the answer in view; keyboard-only selection and stepping."""

from __future__ import annotations

import pytest

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
    page.locator("iframe").first.wait_for(timeout=20_000)
    frame = page.locator("iframe").first.element_handle().content_frame()
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


# Every label's and every node symbol's box as drawn, and the pairs that touch: label/label (node labels
# and the compartments' and panels' own names) and label/symbol.
MAP_LEGIBILITY = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const data = gd._fullData;
  const layers = gd.querySelectorAll('.scatterlayer .trace');
  const box = e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const labels = data.findIndex(t => t.name === 'labels');
  const nodes = data.findIndex(t => t.name === 'nodes');
  const texts = [...layers[labels].querySelectorAll('.textpoint text')].map(t => ({name: t.textContent, box: box(t), size: parseFloat(getComputedStyle(t).fontSize)}));
  for (const a of gd.querySelectorAll('.annotation-text')) texts.push({name: a.textContent, box: box(a), size: parseFloat(getComputedStyle(a).fontSize)});
  const symbols = [...layers[nodes].querySelectorAll('.point')].map((p, i) => ({name: data[nodes].customdata[i], box: box(p)}));
  const touch = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const collisions = [];
  texts.forEach((a, i) => {
    texts.slice(i + 1).forEach(b => { if (touch(a.box, b.box)) collisions.push(`label "${a.name}" / label "${b.name}"`); });
    symbols.forEach(s => { if (touch(a.box, s.box)) collisions.push(`label "${a.name}" / symbol ${s.name}`); });
  });
  const column = gd.closest('[data-testid="stColumn"]') || gd.closest('[data-testid="stMainBlockContainer"]');
  const style = getComputedStyle(column);
  const inner = column.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return {collisions, labels: texts.length, symbols: symbols.length, smallest: Math.min(...texts.map(t => t.size)),
          fraction: gd._fullLayout.xaxis._length / inner};
}"""
SIZES = [(1280, 800), (1440, 900), (1920, 1080)]


def open_map(browser, server, width: int, height: int, path: str = "pathway?node=AKT2"):
    """A page of the given window size on the map, drawn and idle."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(f"{server}/{path}")
    wait_for_app(page, "What disrupts it" if "node=" in path else "The insulin signalling pathway")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    wait_for_app(page)
    return context, page


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_map_is_legible_at_each_window_size(browser, server, width, height):
    """No label touches another label or a symbol; labels are 12 px or more; the drawing spans at least
    85 % of its column; measured on the rendered SVG."""
    context, page = open_map(browser, server, width, height)
    measured = page.evaluate(MAP_LEGIBILITY)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    screenshot(page, f"map-{width}x{height}")
    context.close()
    assert measured["labels"] >= len(knowledge_index().kb.nodes) and measured["symbols"] == len(
        knowledge_index().kb.nodes
    )
    assert measured["collisions"] == [], measured["collisions"]
    assert measured["smallest"] >= 12
    assert measured["fraction"] >= 0.85, measured["fraction"]


def test_patient_view_has_plain_legible_labels(browser, server):
    """In the patient view the map's labels are plain words, still clear of each other at 1440 x 900."""
    context, page = open_map(browser, server, 1440, 900)
    page.get_by_text("Patient", exact=True).click()
    page.get_by_text("Main switch", exact=True).first.wait_for(timeout=20_000)
    wait_for_app(page)
    measured = page.evaluate(MAP_LEGIBILITY)
    screenshot(page, "map-patient-1440x900")
    context.close()
    assert measured["collisions"] == [], measured["collisions"]
    assert measured["smallest"] >= 12 and measured["fraction"] >= 0.85


IN_VIEW = """(name) => {
  const heading = [...document.querySelectorAll('h2')].find(h => h.textContent.trim() === name);
  if (!heading) return null;
  const box = heading.getBoundingClientRect();
  return {top: box.top, bottom: box.bottom, focused: document.activeElement === heading, height: window.innerHeight};
}"""


def assert_in_view(page, name: str) -> None:
    """The detail's heading `name` is on screen and holds the keyboard focus."""
    page.wait_for_function(
        "(name) => { const h = [...document.querySelectorAll('h2')].find(h => h.textContent.trim() === name);"
        " return h && document.activeElement === h; }",
        arg=name,
        timeout=20_000,
    )
    page.wait_for_timeout(300)
    where = page.evaluate(IN_VIEW, name)
    assert where["focused"], where
    assert where["top"] >= 0 and where["bottom"] <= where["height"], where


@pytest.mark.parametrize(
    ("width", "height"), [(1440, 900), (1024, 768)], ids=["beside-1440x900", "under-1024x768"]
)
def test_a_click_or_a_search_shows_the_detail_in_view(browser, server, width, height):
    """At 1440 x 900 the detail beside the map answers a click in view; at 1024 x 768 the detail under the
    map is scrolled to. A search does the same."""
    context, page = open_map(browser, server, width, height, "pathway")
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    x, y = node_pixel(page, "PTEN")
    page.mouse.move(x, y)
    page.wait_for_timeout(200)
    page.mouse.click(x, y)
    assert_in_view(page, "PTEN")
    screenshot(page, f"click-in-view-{width}x{height}")
    page.evaluate("window.scrollTo(0, 0)")
    search = page.get_by_label("Find a molecule, cause or outcome")
    search.fill("AS160")
    search.press("Enter")
    assert_in_view(page, knowledge_index().nodes["TBC1D4"].label)
    context.close()


def test_keyboard_only_choose_a_node_and_step_up_and_downstream(browser, server):
    """Without a mouse: choose a node from the list with the arrow keys, then step downstream and back
    upstream with its buttons; after each step the focus is on the new node's heading."""
    context, page = open_map(browser, server, 1440, 900, "pathway")
    page.get_by_role("combobox", name="Go to a node").focus()
    active = (
        "() => { const id = document.activeElement.getAttribute('aria-activedescendant');"
        " return id && document.getElementById(id)?.textContent; }"
    )
    for _ in range(80):
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(50)
        if page.evaluate(active) == "AKT2":
            break
    assert page.evaluate(active) == "AKT2"
    page.keyboard.press("Enter")
    assert_in_view(page, "AKT2")
    assert "node=AKT2" in page.url

    def tab_to(prefix: str) -> str:
        for _ in range(200):
            page.keyboard.press("Tab")
            text = page.evaluate("() => document.activeElement.textContent.trim()")
            if text.startswith(prefix):
                return text
        raise AssertionError(f"no button starting {prefix!r} reached with Tab")

    label = tab_to("↓ inhibits AS160")
    page.keyboard.press("Enter")
    assert_in_view(page, knowledge_index().nodes["TBC1D4"].label)
    assert "node=TBC1D4" in page.url, label
    tab_to("↑ AKT2")
    page.keyboard.press("Enter")
    assert_in_view(page, "AKT2")
    screenshot(page, "keyboard-stepping")
    context.close()
