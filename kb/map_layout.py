"""Where the map draws each node's label, so that no label touches another label or any node's symbol.

The map keeps the curated node positions of kb/data/layout.json and chooses, for every node, one of
four places for its label around its symbol (below, above, right, left), by a small
optimisation: label boxes, symbols, the compartments' and panels' own labels and the drawing's edges
are obstacles; overlaps are forbidden, labels crossed by an edge or far from the preferred place below
the symbol cost a little. It is solved for the range of drawing widths the page uses, so that one
placement holds at every window size.

Geometry is in screen pixels: font sizes and symbol sizes are fixed in pixels while the distance between
nodes grows with the drawing's width. The label offsets reproduce plotly's own rule for text beside a
marker (`textposition`), so that this model and the rendered SVG agree; the browser tests measure the
latter.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from kb.label_font import ASCENT_400, ASCENT_700, DESCENT_400, DESCENT_700, WIDTHS_400, WIDTHS_700

__all__ = [
    "ANCHOR_SIZE",
    "FONT_SIZE",
    "POSITIONS",
    "SYMBOL_CLEARANCE",
    "Box",
    "FixedText",
    "Scene",
    "collisions",
    "label_box",
    "place_labels",
    "text_box",
    "text_width",
]

FONT_SIZE = 12
# Plotly sets the lines of a text 1.3 em apart.
LINE_SPACING = 1.3
# Label offsets are set by an invisible marker of this size (plotly puts text r/0.8 + 1 px beyond a
# marker of radius r), larger than the selected node's mark, so that a selection never covers its label.
ANCHOR_SIZE = 24
# The square, in pixels, that no other label may enter around a node: its symbol when selected.
SYMBOL_CLEARANCE = 24
# Preferred first: below the symbol, as textbooks label; then above, then beside. Labels at a corner read
# as belonging to whichever node is nearest, so where none of these is clear, nodes move instead.
POSITIONS = ("bottom center", "top center", "middle right", "middle left")
_PREFERENCE = {position: rank for rank, position in enumerate(POSITIONS)}
# Plotly's TEXTOFFSETSIGN: which way a label moves from its marker for each part of `textposition`.
_SIGN = {"top": -1, "middle": 0, "bottom": 1, "left": -1, "center": 0, "right": 1}
# Room left between a label and anything else, so that glyphs never touch even where fonts differ a little;
# between two labels more, so that neighbouring names never read as one.
GAP = 2.0
LABEL_GAP = 7.0
# Plotly pads an annotation's text by a few pixels more than its glyphs take.
FIXED_PAD = 8.0


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in screen pixels (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    def grown(self, by: float) -> Box:
        """The box with `by` pixels added on every side."""
        return Box(self.left - by, self.top - by, self.right + by, self.bottom + by)

    def overlaps(self, other: Box) -> bool:
        """Whether the two boxes share any area."""
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def inside(self, other: Box) -> bool:
        """Whether the box lies wholly within `other`."""
        return (
            self.left >= other.left
            and self.right <= other.right
            and self.top >= other.top
            and self.bottom <= other.bottom
        )


def text_width(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """The width in pixels of one line of `text` in the map's font (unknown characters as a wide one)."""
    widths = WIDTHS_700 if bold else WIDTHS_400
    return size * sum(widths.get(character, widths["M"]) for character in text)


def _line_box(left: float, baseline: float, width: float, size: float, bold: bool) -> Box:
    ascent, descent = (ASCENT_700, DESCENT_700) if bold else (ASCENT_400, DESCENT_400)
    return Box(left, baseline - ascent * size, left + width, baseline + descent * size)


def label_box(
    x: float, y: float, text: str, position: str, size: float = FONT_SIZE, anchor: float = ANCHOR_SIZE
) -> Box:
    """The box of `text` (lines split by newlines) drawn at `position` around a marker of diameter
    `anchor` centred at (x, y).

    Plotly's rule (drawing.textPointPosition): the text moves r/0.8 + 1 px from a marker of radius r,
    the first baseline sits 0.75 em below the point plus that offset, lines are 1.3 em apart, and a
    label above or beside is lifted by its height.
    """
    vertical, horizontal = position.split()
    lines = text.split("\n")
    offset = anchor / 2 / 0.8 + 1
    width = max(text_width(line, size) for line in lines)
    extent = (len(lines) - 1) * LINE_SPACING + 1
    dx = _SIGN[horizontal] * offset
    baseline = y + size * 0.75 + _SIGN[vertical] * offset + (_SIGN[vertical] - 1) * extent * size / 2
    if horizontal == "center":
        left = x - width / 2
    elif horizontal == "right":
        left = x + dx
    else:
        left = x + dx - width
    box = _line_box(left, baseline, width, size, bold=False)
    return Box(box.left, box.top, box.right, box.bottom + (len(lines) - 1) * LINE_SPACING * size)


def text_box(
    x: float, y: float, text: str, xanchor: str, yanchor: str, size: float, bold: bool = False
) -> Box:
    """The box of an annotation's text anchored at (x, y) in pixels (plotly's xanchor / yanchor); lines
    are separated by newlines and set 1.3 em apart, as plotly sets them."""
    lines = text.split("\n")
    width = max(text_width(line, size, bold) for line in lines)
    ascent, descent = (ASCENT_700, DESCENT_700) if bold else (ASCENT_400, DESCENT_400)
    height = (ascent + descent) * size + (len(lines) - 1) * LINE_SPACING * size
    left = {"left": x, "center": x - width / 2, "right": x - width}[xanchor]
    top = {"top": y, "middle": y - height / 2, "bottom": y - height}[yanchor]
    return Box(left, top, left + width, top + height)


@dataclass(frozen=True)
class FixedText:
    """A label the map draws at a fixed place (a compartment's or panel's name), in data units; a newline
    breaks it into lines."""

    x: float
    y: float
    text: str
    xanchor: str
    yanchor: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class Scene:
    """What the label placement must respect: nodes and labels, fixed texts, edges, the drawing's range.

    Coordinates are data units as drawn (y upwards); `x_range` and `y_range` are the axes' ranges.
    """

    nodes: tuple[tuple[str, float, float, str], ...]
    fixed: tuple[FixedText, ...]
    edges: tuple[tuple[float, float, float, float], ...]
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    def scale(self, width_px: float) -> float:
        """Pixels per data unit when the drawing is `width_px` wide (equal x and y scales)."""
        return width_px / (self.x_range[1] - self.x_range[0])

    def pixel(self, x: float, y: float, scale: float) -> tuple[float, float]:
        """The screen pixel of a data point, from the drawing's top-left corner."""
        return (x - self.x_range[0]) * scale, (self.y_range[1] - y) * scale


@dataclass(frozen=True)
class _Frame:
    """The scene at one drawing width: every box the placement looks at, in pixels."""

    symbols: dict[str, Box]
    candidates: dict[str, dict[str, Box]]
    fixed: tuple[Box, ...]
    edges: tuple[tuple[float, float, float, float], ...]
    drawing: Box


def _frame(scene: Scene, width_px: float) -> _Frame:
    scale = scene.scale(width_px)
    half = SYMBOL_CLEARANCE / 2
    symbols, candidates = {}, {}
    for node_id, x, y, label in scene.nodes:
        px, py = scene.pixel(x, y, scale)
        symbols[node_id] = Box(px - half, py - half, px + half, py + half)
        candidates[node_id] = {position: label_box(px, py, label, position) for position in POSITIONS}
    fixed = []
    for text in scene.fixed:
        px, py = scene.pixel(text.x, text.y, scale)
        fixed.append(text_box(px, py, text.text, text.xanchor, text.yanchor, text.size, text.bold))
    edges = []
    for x0, y0, x1, y1 in scene.edges:
        edges.append((*scene.pixel(x0, y0, scale), *scene.pixel(x1, y1, scale)))
    height = (scene.y_range[1] - scene.y_range[0]) * scale
    return _Frame(symbols, candidates, tuple(fixed), tuple(edges), Box(0, 0, width_px, height))


def _as_array(boxes: Iterable[Box]) -> np.ndarray:
    return np.array([(box.left, box.top, box.right, box.bottom) for box in boxes], dtype=float).reshape(-1, 4)


def _overlap(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether boxes overlap, broadcasting over leading axes; the last axis is (left, top, right, bottom)."""
    return (
        (a[..., 0] < b[..., 2]) & (b[..., 0] < a[..., 2]) & (a[..., 1] < b[..., 3]) & (b[..., 1] < a[..., 3])
    )


def _inside_lengths(boxes: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Length of each segment inside each box (Liang-Barsky clipping): boxes (..., 4), segments (S, 4)
    give (..., S)."""
    box = boxes[..., None, :]
    x0, y0, x1, y1 = (segments[:, column] for column in range(4))
    dx, dy = x1 - x0, y1 - y0
    shape = (*boxes.shape[:-1], len(segments))
    low = np.zeros(shape)
    high = np.ones(shape)
    outside = np.zeros(shape, dtype=bool)
    for p, q in (
        (-dx, x0 - box[..., 0]),
        (dx, box[..., 2] - x0),
        (-dy, y0 - box[..., 1]),
        (dy, box[..., 3] - y0),
    ):
        p, q = np.broadcast_to(p, shape), np.broadcast_to(q, shape)
        parallel = p == 0
        outside |= parallel & (q < 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
        low = np.where(~parallel & (p < 0), np.maximum(low, t), low)
        high = np.where(~parallel & (p > 0), np.minimum(high, t), high)
    length = np.hypot(dx, dy)
    return np.where(outside | (low >= high), 0.0, (high - low) * length)


# Costs: any overlap outweighs every soft preference together.
_OVERLAP = 10_000.0
_EDGE_PER_PIXEL = 4.0
_RANK = 4.0


def _costs(scene: Scene, widths_px: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """(own, pair): own[i, p] is what node i's label costs at position p by itself (symbols, fixed
    texts, the drawing's edge, edges crossing it, rank); pair[i, p, j, q] what labels i at p and j at q
    cost together. Both summed over the widths."""
    count = len(scene.nodes)
    own = np.tile(_RANK * np.arange(len(POSITIONS), dtype=float), (count, 1))
    pair = np.zeros((count, len(POSITIONS), count, len(POSITIONS)))
    others = ~np.eye(count, dtype=bool)
    for width in widths_px:
        frame = _frame(scene, width)
        labels = np.array(
            [_as_array(frame.candidates[node_id].values()) for node_id, *_ in scene.nodes]
        )  # (N, P, 4)
        padded = labels + np.array([-GAP, -GAP, GAP, GAP])
        symbols = _as_array(frame.symbols[node_id] for node_id, *_ in scene.nodes)  # (N, 4)
        hits = _overlap(padded[:, :, None, :], symbols[None, None, :, :])  # (N, P, N)
        own += _OVERLAP * (hits & others[:, None, :]).sum(axis=2)
        if frame.fixed:
            fixed = _as_array(frame.fixed) + np.array([-FIXED_PAD, -GAP, FIXED_PAD, GAP])
            own += _OVERLAP * _overlap(padded[:, :, None, :], fixed[None, None, :, :]).sum(axis=2)
        drawing = frame.drawing
        outside = (
            (labels[..., 0] < drawing.left)
            | (labels[..., 1] < drawing.top)
            | (labels[..., 2] > drawing.right)
            | (labels[..., 3] > drawing.bottom)
        )
        own += _OVERLAP * outside
        if frame.edges:
            own += _EDGE_PER_PIXEL * _inside_lengths(labels, np.array(frame.edges)).sum(axis=-1)
        half = labels + np.array([-LABEL_GAP / 2, -GAP / 2, LABEL_GAP / 2, GAP / 2])  # as _spaced
        pair += _OVERLAP * _overlap(half[:, :, None, None, :], half[None, None, :, :, :])
    for node in range(count):
        pair[node, :, node, :] = 0.0
    return own, pair


def place_labels(scene: Scene, widths_px: Sequence[float]) -> dict[str, str]:
    """The label position of every node that keeps labels clear at each of `widths_px` (drawing widths).

    Greedy start, most crowded node first, then sweeps of best-response moves until no label moves:
    each node takes the position that costs least given the others, summed over all widths.
    Deterministic.
    """
    own, pair = _costs(scene, widths_px)
    count = len(scene.nodes)
    crowding = (pair.max(axis=(1, 3)) > 0).sum(axis=1)
    placed = np.full(count, -1)
    for node in sorted(range(count), key=lambda n: (-crowding[n], n)):
        done = placed >= 0
        cost = own[node] + pair[node][:, done, placed[done]].sum(axis=1)
        placed[node] = int(np.argmin(cost))
    nodes = np.arange(count)
    for _ in range(50):
        moved = False
        for node in range(count):
            cost = own[node] + pair[node][:, nodes, placed].sum(axis=1)
            best = int(np.argmin(cost))
            if cost[best] < cost[placed[node]]:
                placed[node] = best
                moved = True
        if not moved:
            break
    return {node_id: POSITIONS[placed[number]] for number, (node_id, *_) in enumerate(scene.nodes)}


def collisions(scene: Scene, positions: Mapping[str, str], width_px: float) -> list[tuple[str, str]]:
    """Every pair too close at drawing width `width_px`, with the room the placement keeps: (label,
    label), (label, symbol of another node), (label or symbol, fixed text), and (label, "outside") for a
    label beyond the drawing."""
    frame = _frame(scene, width_px)
    found = []
    node_ids = [node_id for node_id, *_ in scene.nodes]
    boxes = {node_id: frame.candidates[node_id][positions[node_id]] for node_id in node_ids}
    spaced = {node_id: _spaced(box) for node_id, box in boxes.items()}
    fixed = [(Box(f.left - FIXED_PAD, f.top - GAP, f.right + FIXED_PAD, f.bottom + GAP), text.text)
             for f, text in zip(frame.fixed, scene.fixed, strict=True)]  # fmt: skip
    for i, a in enumerate(node_ids):
        for b in node_ids[i + 1 :]:
            if spaced[a].overlaps(spaced[b]):
                found.append((f"label {a}", f"label {b}"))
        for b in node_ids:
            if b != a and boxes[a].grown(GAP).overlaps(frame.symbols[b]):
                found.append((f"label {a}", f"symbol {b}"))
        for box, text in fixed:
            if boxes[a].overlaps(box):
                found.append((f"label {a}", f"text {text}"))
            if frame.symbols[a].overlaps(box):
                found.append((f"symbol {a}", f"text {text}"))
        if not boxes[a].inside(frame.drawing):
            found.append((f"label {a}", "outside"))
    return found


def _spaced(box: Box) -> Box:
    """A label's box with half the room kept between two labels."""
    return Box(box.left - LABEL_GAP / 2, box.top - GAP / 2, box.right + LABEL_GAP / 2, box.bottom + GAP / 2)


@functools.cache
def _cached_placement(scene: Scene, widths_px: tuple[float, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(place_labels(scene, widths_px).items()))


def cached_placement(scene: Scene, widths_px: tuple[float, ...]) -> dict[str, str]:
    """`place_labels`, computed once per scene and widths in a process."""
    return dict(_cached_placement(scene, widths_px))
