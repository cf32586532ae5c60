"""Nudge the map's curated node positions until every label can be placed clear at every drawing width.

    .venv/bin/python tools/place_map.py                  # rewrites kb/data/layout.json (canonical JSON)
    .venv/bin/python tools/place_map.py --move pcos PDE3B  # moves only these nodes; the rest stay put
    .venv/bin/python tools/place_map.py --check          # only reports what collides, exit 1 if anything does

The label placement (kb.map_layout.place_labels) chooses where each label goes; where no choice clears a
label, this tool moves the nodes involved apart, a little at a time along the axis that separates them
most cheaply, keeping every node inside the compartment band or side panel it was curated in. New nodes
need only a rough position in the right band or panel: run this and review the map. Positions are kept
at the file's precision (2 decimals) after every round, so that what is checked is what is written; the
layout is written only when it is clear (exit 1 otherwise).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components.pathway_figure import (  # noqa: E402
    BANDS,
    CELL_X,
    DRAWING_WIDTHS,
    PANELS,
    VESICLES,
    Y_STRETCH,
    map_scene,
)
from kb.index import knowledge_index  # noqa: E402
from kb.loader import DATA_DIR, canonical_json  # noqa: E402
from kb.map_layout import FIXED_PAD, GAP, LABEL_GAP, Box, Scene, _frame, collisions, place_labels  # noqa: E402

MARGIN = 0.35
STEP = 0.6


def _region(x: float, y: float) -> tuple[float, float, float, float]:
    """The rectangle (raw layout units) a node curated at (x, y) must stay in: its panel or band."""
    for x0, x1, y0, y1, _, _ in PANELS:
        if x0 <= x <= x1 and y0 <= y <= y1:
            return x0 + MARGIN, x1 - MARGIN, y0 + MARGIN, y1 - MARGIN
    x0, x1, y0, y1, _, _ = VESICLES
    if x0 <= x <= x1 and y0 <= y <= y1:
        return x0 + MARGIN, x1 - MARGIN, y0 + 0.2, y1 - 0.2
    for _, y0, y1, _ in BANDS:
        if y0 <= y <= y1:
            return CELL_X[0] + MARGIN, CELL_X[1] - MARGIN, y0 + 0.15, y1 - 0.15
    return CELL_X[0], CELL_X[1], 0.0, BANDS[0][2]


def _separation(a: Box, b: Box) -> tuple[float, float]:
    """The smallest move (pixels, screen axes) of `b` that clears it from `a`."""
    right, left = a.right - b.left + GAP, b.right - a.left + GAP
    down, up = a.bottom - b.top + GAP, b.bottom - a.top + GAP
    dx = right if right < left else -left
    dy = down if down < up else -up
    return (dx, 0.0) if abs(dx) < abs(dy) else (0.0, dy)


def _pushes(
    scene: Scene, positions: dict[str, str], width: float, movable: set[str]
) -> dict[str, list[float]]:
    """Moves (raw layout units) that would clear each collision at `width`, split between the two nodes
    where both may move, else all on the one that may."""
    frame = _frame(scene, width)
    scale = scene.scale(width)
    ids = [node_id for node_id, *_ in scene.nodes]
    labels = {node_id: frame.candidates[node_id][positions[node_id]] for node_id in ids}
    moves: dict[str, list[float]] = {node_id: [0.0, 0.0] for node_id in ids}

    def push(node_id: str, dx: float, dy: float) -> None:
        moves[node_id][0] += dx / scale
        moves[node_id][1] -= dy / scale / Y_STRETCH

    for a in ids:
        for b in ids:
            if a == b:
                continue
            for other in (labels[b], frame.symbols[b]) if a < b else (frame.symbols[b],):
                if labels[a].grown(LABEL_GAP / 2).overlaps(other.grown(LABEL_GAP / 2)):
                    dx, dy = _separation(labels[a].grown(LABEL_GAP / 2), other.grown(LABEL_GAP / 2))
                    share = 1 / max(1, (a in movable) + (b in movable))
                    push(b, dx * share, dy * share)
                    push(a, -dx * share, -dy * share)
        for fixed in frame.fixed:
            padded = Box(fixed.left - FIXED_PAD, fixed.top - GAP, fixed.right + FIXED_PAD, fixed.bottom + GAP)
            for box in (labels[a], frame.symbols[a]):
                if box.overlaps(padded):
                    dx, dy = _separation(padded, box)
                    push(a, dx, dy)
        box, drawing = labels[a], frame.drawing
        push(a, max(0.0, drawing.left - box.left) - max(0.0, box.right - drawing.right), 0.0)
        push(a, 0.0, max(0.0, drawing.top - box.top) - max(0.0, box.bottom - drawing.bottom))
    return {node_id: move for node_id, move in moves.items() if node_id in movable}


def main() -> None:
    """Nudge, re-place labels, repeat until clear; then write or check the layout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report collisions only")
    parser.add_argument("--rounds", type=int, default=150)
    parser.add_argument("--move", nargs="+", metavar="NODE", help="move only these nodes (default: any)")
    parser.add_argument(
        "--partial", action="store_true", help="write the best layout found even if some collisions remain"
    )
    arguments = parser.parse_args()
    index = knowledge_index()
    layout = {node_id: list(position) for node_id, position in index.kb.layout.items()}
    movable = set(arguments.move or layout)
    if unknown := movable - set(layout):
        parser.error(f"not nodes: {', '.join(sorted(unknown))}")
    regions = {node_id: _region(x, y) for node_id, (x, y) in layout.items()}
    # Crowded nodes can push each other to and fro: the round with fewest collisions is kept, not the last.
    best: tuple[float, dict[str, list[float]]] = (float("inf"), layout)
    for round_number in range(0 if arguments.check else arguments.rounds):
        moves: dict[str, list[float]] = {node_id: [0.0, 0.0] for node_id in layout}
        total = 0
        for plain in (False, True):
            scene = _scene_with(index, layout, plain)
            positions = place_labels(scene, DRAWING_WIDTHS)
            remaining = {width: collisions(scene, positions, width) for width in DRAWING_WIDTHS}
            total += sum(map(len, remaining.values()))
            width = next((width for width in DRAWING_WIDTHS if remaining[width]), None)
            if width is None:
                continue
            for node_id, (dx, dy) in _pushes(scene, positions, width, movable).items():
                moves[node_id][0] += dx
                moves[node_id][1] += dy
        print(f"round {round_number}: {total} collisions", file=sys.stderr)
        if total < best[0]:
            best = (total, {node_id: list(position) for node_id, position in layout.items()})
        if not total:
            break
        for node_id, (dx, dy) in moves.items():
            x0, x1, y0, y1 = regions[node_id]
            x, y = layout[node_id]
            # Rounded at once: a layout that is clear before rounding may not be after it. A move that
            # rounds to nothing still goes one hundredth its way, so that a node never stalls short.
            layout[node_id] = [
                _rounded(min(max(x + STEP * dx, x0), x1), x),
                _rounded(min(max(y + STEP * dy, y0), y1), y),
            ]
    layout = best[1]
    failed = False
    for plain in (False, True):
        scene = _scene_with(index, layout, plain)
        positions = place_labels(scene, DRAWING_WIDTHS)
        for width in DRAWING_WIDTHS:
            for pair in collisions(scene, positions, width):
                failed = True
                print(f"{'plain' if plain else 'short'} labels at {width:.0f} px: {pair[0]} / {pair[1]}")
    if not arguments.check and (arguments.partial or not failed):
        (DATA_DIR / "layout.json").write_text(canonical_json(dict(sorted(layout.items()))), encoding="utf-8")
    if failed and not arguments.check and not arguments.partial:
        print(
            "not written: collisions remain (move nodes by hand, allow more of them to --move, or --partial)"
        )
    sys.exit(1 if failed else 0)


def _rounded(value: float, start: float) -> float:
    """`value` at the layout file's precision, at least 0.01 away from `start` when it moved at all."""
    rounded = round(value, 2)
    if rounded == round(start, 2) and abs(value - start) > 1e-9:
        rounded = round(start + (0.01 if value > start else -0.01), 2)
    return rounded


def _scene_with(index, layout: dict[str, list[float]], plain: bool) -> Scene:
    """The map's scene with node positions taken from `layout` (raw units) instead of the knowledge base."""
    return map_scene(index, plain, {node_id: (x, y) for node_id, (x, y) in layout.items()})


if __name__ == "__main__":
    main()
