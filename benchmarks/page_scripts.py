"""In-page scripts the latency and load benchmarks share: where a node is drawn, whether Streamlit is
idle, and the timing of a click."""

# [x, y] in the figure's data coordinates -> the pixel on the page where plotly draws that point.
NODE_PIXEL = """([x, y]) => {
  const gd = document.querySelector('.js-plotly-plot'); const L = gd._fullLayout; const box = gd.getBoundingClientRect();
  return [box.left + L.xaxis._offset + L.xaxis.l2p(x), box.top + L.yaxis._offset + L.yaxis.l2p(y)];
}"""
# A node's id -> the pixel where the map draws it, read from the drawn figure itself.
NODE_PIXEL_BY_ID = """(id) => {
  const gd = document.querySelector('.js-plotly-plot'); const L = gd._fullLayout; const box = gd.getBoundingClientRect();
  const nodes = gd._fullData.find(trace => trace.name === 'nodes'); const i = nodes.customdata.indexOf(id);
  return [box.left + L.xaxis._offset + L.xaxis.l2p(nodes.x[i]), box.top + L.yaxis._offset + L.yaxis.l2p(nodes.y[i])];
}"""
# Streamlit has finished running the script and rendering its result.
STREAMLIT_IDLE = (
    "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
)

# In-page timing: from the pointer going down to the first frame painted after the awaited heading
# appears. Playwright's own waiting polls at intervals of up to 100 ms, which would blur a figure of
# a few hundred milliseconds; its reading is reported as well.
ARM = """(text) => {
  window.__pressedAt = undefined; window.__shownAfter = undefined;
  document.addEventListener('mousedown', () => { window.__pressedAt = performance.now(); }, {capture: true, once: true});
  const shown = () => [...document.querySelectorAll('h1, h2, h3')].some(h => h.textContent.trim() === text);
  const observer = new MutationObserver(() => {
    if (window.__pressedAt !== undefined && shown()) {
      observer.disconnect();
      requestAnimationFrame(() => { window.__shownAfter = performance.now() - window.__pressedAt; });
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""

SHOWN = "() => window.__shownAfter !== undefined"
# Seconds from the pointer going down to the frame after the heading appeared.
SHOWN_AFTER = "window.__shownAfter / 1000"
