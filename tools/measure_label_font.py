"""Measure the advance widths of the map's label font, for the label-placement model in kb/map_layout.py.

The map's labels are drawn in Source Sans, the font Streamlit serves with the app (its own copy, so the
page asks no other host for it). This script loads that file into Debian's chromium, measures every
character the labels may use at 1000 px, and prints a Python module to paste over kb/label_font.py:

    .venv/bin/python tools/measure_label_font.py > kb/label_font.py
"""

from __future__ import annotations

import base64
import json
import string
from pathlib import Path

import streamlit
from playwright.sync_api import sync_playwright

MEDIA = Path(streamlit.__file__).parent / "static" / "static" / "media"
CHARACTERS = string.printable.strip() + " αβγδεθκμ–—→⊣·…’“”éö"
MEASURE = """([characters, weight]) => {
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${weight} 1000px "Source Sans"`;
  const widths = Object.fromEntries([...characters].map(c => [c, context.measureText(c).width / 1000]));
  const metrics = context.measureText('Hg');
  return [widths, metrics.fontBoundingBoxAscent / 1000, metrics.fontBoundingBoxDescent / 1000];
}"""


def main() -> None:
    """Print the module: one table of advance widths (in em) per font weight."""
    font = next(MEDIA.glob("SourceSansVF-Upright*.woff2"))
    data = base64.b64encode(font.read_bytes()).decode()
    page_html = (
        f"<style>@font-face {{ font-family: 'Source Sans'; font-weight: 100 900; "
        f"src: url(data:font/woff2;base64,{data}) format('woff2'); }}</style>"
        "<span style=\"font-family: 'Source Sans'\">x</span><b style=\"font-family: 'Source Sans'\">x</b>"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(page_html)
        page.evaluate("document.fonts.ready")
        page.wait_for_function("document.fonts.check('12px \"Source Sans\"')")
        tables = {weight: page.evaluate(MEASURE, [CHARACTERS, weight]) for weight in (400, 700)}
        browser.close()
    print('"""Advance widths of Source Sans (em), measured in chromium by tools/measure_label_font.py."""')
    print()
    print("# fmt: off")
    for weight, (table, ascent, descent) in tables.items():
        rounded = {character: round(width, 4) for character, width in table.items()}
        print(f"WIDTHS_{weight} = {json.dumps(rounded, ensure_ascii=False)}")
        print(f"ASCENT_{weight}, DESCENT_{weight} = {ascent:.4f}, {descent:.4f}")
    print("# fmt: on")


if __name__ == "__main__":
    main()
