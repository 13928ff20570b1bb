"""The process map: the process's steps as a chain of arrows, drawn as SVG on the server.

As with the charts (``core/charts.py``) the picture is not the only carrier of the content:
the SVG has a title and a description for screen readers, and the page lists the same
steps as an ordered list beside it. The map starts with the customer and ends with the
result for the customer; steps wrap onto new rows, read left to right like text.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape
from uuid import uuid4

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from redthread.quality.models import Process, ProcessStep

PER_ROW = 4
BOX_W, BOX_H, GAP_X, GAP_Y, TIP = 196, 96, 14, 34, 16
MARGIN = 12
RED, INK, MUTED, PALE = "#a3112a", "#1b1b1b", "#4a4a4a", "#f7eef0"


@dataclass
class Node:
    kind: str  # customer | step | result
    heading: str
    text: str
    detail: str = ""


def nodes_of(process: Process, steps: list[ProcessStep]) -> list[Node]:
    nodes = [Node("customer", _("Kund"), process.customer)]
    for step in steps:
        nodes.append(Node("step", str(step.order), step.title, step.performer))
    if process.result:
        nodes.append(Node("result", _("Resultat"), process.result))
    return nodes


def description(process: Process, steps: list[ProcessStep]) -> str:
    parts = [_("Kund: %(customer)s.") % {"customer": process.customer}]
    parts.extend(
        f"{step.order}. {step.title}" + (f" ({step.performer})" if step.performer else "") + "."
        for step in steps
    )
    if process.result:
        parts.append(_("Resultat: %(result)s.") % {"result": process.result})
    return " ".join(parts)


def _lines(text: str, width: int, most: int) -> list[str]:
    lines = textwrap.wrap(text, width=width) or [""]
    if len(lines) > most:
        lines = [*lines[: most - 1], textwrap.shorten(" ".join(lines[most - 1 :]), width=width)]
    return lines


def process_map(process: Process, steps: list[ProcessStep]) -> SafeString:
    """The map as an inline SVG element with ``role="img"``, a title and a description."""
    map_id = f"pmap-{uuid4().hex[:8]}"
    nodes = nodes_of(process, steps)
    rows = (len(nodes) + PER_ROW - 1) // PER_ROW
    width = MARGIN * 2 + PER_ROW * BOX_W + (PER_ROW - 1) * GAP_X
    height = MARGIN * 2 + rows * BOX_H + (rows - 1) * GAP_Y
    title = _("Processkarta: %(process)s") % {"process": process.title}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="process-map" '
        f'role="img" aria-labelledby="{map_id}-t {map_id}-d" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{map_id}-t">{escape(title)}</title>',
        f'<desc id="{map_id}-d">{escape(description(process, steps))}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fff"/>',
    ]
    for index, node in enumerate(nodes):
        row, col = divmod(index, PER_ROW)
        x = MARGIN + col * (BOX_W + GAP_X)
        y = MARGIN + row * (BOX_H + GAP_Y)
        out.append(_shape(node, x, y))
        out.append(_text(node, x, y))
        if col == PER_ROW - 1 and index < len(nodes) - 1:
            # The chain continues on the next row: a dashed line back to its start.
            y_mid = y + BOX_H + GAP_Y / 2
            out.append(
                f'<path d="M {x + BOX_W / 2:.0f} {y + BOX_H} V {y_mid:.0f} H {MARGIN + BOX_W / 2:.0f} '
                f'V {y + BOX_H + GAP_Y}" fill="none" stroke="{MUTED}" stroke-width="1.5" '
                f'stroke-dasharray="5 4"/>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308  (every text is escaped above)


def _shape(node: Node, x: float, y: float) -> str:
    if node.kind == "step":
        points = [
            (x, y),
            (x + BOX_W - TIP, y),
            (x + BOX_W, y + BOX_H / 2),
            (x + BOX_W - TIP, y + BOX_H),
            (x, y + BOX_H),
            (x + TIP, y + BOX_H / 2),
        ]
        path = " ".join(f"{px:.0f},{py:.0f}" for px, py in points)
        return f'<polygon points="{path}" fill="{PALE}" stroke="{RED}" stroke-width="2"/>'
    return (
        f'<rect x="{x}" y="{y}" width="{BOX_W - TIP}" height="{BOX_H}" rx="18" fill="#fff" '
        f'stroke="{INK}" stroke-width="2"/>'
    )


def _text(node: Node, x: float, y: float) -> str:
    left = x + (TIP + 10 if node.kind == "step" else 12)
    width = 20 if node.kind == "step" else 22
    parts = [
        f'<text x="{left:.0f}" y="{y + 20:.0f}" font-size="12" font-weight="700" fill="{RED}">'
        f"{escape(node.heading)}</text>"
    ]
    for i, line in enumerate(_lines(node.text, width, 3)):
        parts.append(
            f'<text x="{left:.0f}" y="{y + 38 + i * 15:.0f}" font-size="13" fill="{INK}">'
            f"{escape(line)}</text>"
        )
    if node.detail:
        detail = _lines(node.detail, width + 7, 1)[0]
        parts.append(
            f'<text x="{left:.0f}" y="{y + BOX_H - 9:.0f}" font-size="11" fill="{MUTED}" '
            f'font-style="italic">{escape(detail)}</text>'
        )
    return "".join(parts)
