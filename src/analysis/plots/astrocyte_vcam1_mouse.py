"""Figures of notebook 05 (the astrocyte / VCAM1 mouse study): a schematic drawn with matplotlib
(no data: a picture of a mechanism).

:func:`mechanism` returns the whole figure; :func:`draw_alpha4_mechanism` draws where
natalizumab acts according to the mouse study summarised in ``data/claims.csv``
(``astrocyte_vcam1_mouse``, source M1): on the left, leukocytes use integrin alpha4 (CD49d;
with beta1 it forms VLA-4) to bind VCAM1 on the vessel wall and enter the central nervous
system; on the right, VCAM1 from the vessel reaches alpha4 on astrocytes as a survival and
repair signal. Natalizumab, an antibody against alpha4, blocks both (natalizumab binds human
alpha4; mouse studies usually give an anti-mouse alpha4 antibody instead, and which one M1's
study used is not reported). Shapes are schematic, not to scale; the figure says so on its face.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon, Rectangle

COLORS = {
    "lumen": "#fbe3e1",
    "endothelium": "#e59a94",
    "endothelium_edge": "#a8504a",
    "tissue": "#f4efe2",
    "leukocyte": "#cfe0f5",
    "leukocyte_edge": "#2f5d8a",
    "astrocyte": "#d9ecc8",
    "astrocyte_edge": "#4d7a2a",
    "vcam1": "#e07b00",
    "alpha4": "#1f8a5b",
    "natalizumab": "#6a3d9a",
    "aqp4_igg": "#b2182b",
    "block": "#c00000",
    "text": "#222222",
}

X_MAX, Y_MAX = 12.0, 9.6
SCHEMATIC_LABEL = "SCHEMATIC: no data, not to scale"
LUMEN = (5.9, 8.0)        # y range of the vessel lumen
ENDOTHELIUM = (5.35, 5.9)  # y range of the endothelial layer


def _lollipop(ax, base, tip, color, gid=None, radius=0.09, lw=2.0):
    """A receptor or ligand: a stalk from ``base`` to ``tip`` with a round head."""
    (x0, y0), (x1, y1) = base, tip
    line = ax.plot([x0, x1], [y0, y1], color=color, lw=lw, solid_capstyle="round", zorder=5)[0]
    head = Circle((x1, y1), radius, facecolor=color, edgecolor="white", lw=0.6, zorder=6)
    ax.add_patch(head)
    if gid:
        line.set_gid(gid)
    return line


def _antibody(ax, tip, direction, color, size=0.32, gid=None, lw=2.4):
    """A Y-shaped antibody whose two arms open towards ``direction`` (a unit vector) from ``tip``."""
    d = np.asarray(direction, dtype=float)
    d = d / np.hypot(*d)
    normal = np.array([-d[1], d[0]])
    tip = np.asarray(tip, dtype=float)
    fork = tip - d * size * 0.9
    stem_end = fork - d * size * 1.1
    arm_a = fork + d * size * 0.9 + normal * size * 0.6
    arm_b = fork + d * size * 0.9 - normal * size * 0.6
    lines = []
    for start, end in ((stem_end, fork), (fork, arm_a), (fork, arm_b)):
        lines.append(ax.plot([start[0], end[0]], [start[1], end[1]], color=color, lw=lw,
                             solid_capstyle="round", zorder=7)[0])
    if gid:
        lines[0].set_gid(gid)
    return lines[0]


def _cross(ax, center, size, gid):
    """A red X meaning 'blocked'."""
    x, y = center
    first = ax.plot([x - size, x + size], [y - size, y + size], color=COLORS["block"], lw=4,
                    solid_capstyle="round", zorder=9)[0]
    ax.plot([x - size, x + size], [y + size, y - size], color=COLORS["block"], lw=4,
            solid_capstyle="round", zorder=9)
    first.set_gid(gid)
    return first


def _text(ax, x, y, text, gid=None, **kwargs):
    style = {"ha": "center", "va": "center", "fontsize": 9, "color": COLORS["text"], "zorder": 10}
    style.update(kwargs)
    artist = ax.text(x, y, text, **style)
    if gid:
        artist.set_gid(gid)
    return artist


def _box(ax, x, y, text, edge, gid=None, **kwargs):
    return _text(ax, x, y, text, gid=gid, fontsize=8.8, linespacing=1.35,
                 bbox={"boxstyle": "round,pad=0.45", "facecolor": "white", "edgecolor": edge, "lw": 1.3},
                 **kwargs)


def _astrocyte_shape(center, body=0.55, arm=1.05, arms=7, rotation=0.2):
    """Vertices of a star-like cell body with ``arms`` processes."""
    cx, cy = center
    points = []
    for k in range(arms * 2):
        angle = rotation + np.pi * k / arms
        r = arm if k % 2 == 0 else body
        points.append((cx + r * np.cos(angle), cy + 0.8 * r * np.sin(angle)))
    return np.array(points)


def draw_alpha4_mechanism(ax) -> dict:
    """Draw the alpha4 / VCAM1 mechanism on ``ax``; return the main artists by name.

    Left: a leukocyte in the vessel binds endothelial VCAM1 through integrin alpha4
    (VLA-4) to cross into the CNS; natalizumab on its alpha4 blocks that entry (the
    intended effect in MS), so the entry arrow stops at the vessel wall. Right: VCAM1
    released by vessel cells reaches alpha4 on an astrocyte as a survival and repair
    signal; natalizumab on the astrocyte's alpha4 blocks it, which the mouse study links
    to worse astrocyte damage in its NMOSD-like setting. The antibodies drawn attacking the
    astrocyte stand for that damage: in patients with AQP4-positive NMOSD they are aquaporin-4
    antibodies; how the mice's astrocytes were damaged the source (M1) does not say.
    Returned keys: ``vessel``,
    ``endothelium``, ``tissue``, ``leukocyte``, ``astrocyte``, ``block_entry``,
    ``block_signal``, ``natalizumab_leukocyte``, ``natalizumab_astrocyte``,
    ``entry_arrow``, ``signal_arrow``, ``legend``, ``schematic_label``.
    """
    ax.set_xlim(0, X_MAX)
    ax.set_ylim(-0.9, Y_MAX)
    ax.set_aspect("equal")
    ax.axis("off")
    artists: dict = {}

    # --- compartments -----------------------------------------------------------------
    artists["vessel"] = ax.add_patch(Rectangle((0, LUMEN[0]), X_MAX, LUMEN[1] - LUMEN[0],
                                               facecolor=COLORS["lumen"], edgecolor="none", zorder=0))
    artists["vessel"].set_gid("vessel")
    artists["tissue"] = ax.add_patch(Rectangle((0, 0), X_MAX, ENDOTHELIUM[0], facecolor=COLORS["tissue"],
                                               edgecolor="none", zorder=0))
    artists["tissue"].set_gid("tissue")
    cells = []
    width = X_MAX / 8
    for i in range(8):
        cell = FancyBboxPatch((i * width + 0.06, ENDOTHELIUM[0] + 0.04), width - 0.12,
                              ENDOTHELIUM[1] - ENDOTHELIUM[0] - 0.08, boxstyle="round,pad=0.02,rounding_size=0.18",
                              facecolor=COLORS["endothelium"], edgecolor=COLORS["endothelium_edge"], lw=0.8, zorder=1)
        ax.add_patch(cell)
        cells.append(cell)
    cells[0].set_gid("endothelium")
    artists["endothelium"] = cells[0]
    ax.plot([6, 6], [0.05, 9.05], color="#9a9a9a", lw=1, ls=(0, (4, 3)), zorder=2)
    artists["schematic_label"] = _text(
        ax, 6.0, 9.4, SCHEMATIC_LABEL, gid="schematic_label", fontsize=8.5, fontweight="bold", color="#8a1c1c",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "#fbeaea", "edgecolor": "#8a1c1c"})

    _text(ax, 11.85, 7.75, "blood vessel (lumen)", ha="right", fontsize=8.5, style="italic")
    _text(ax, 11.85, 6.1, "endothelial cells (vessel wall)", ha="right", va="center", fontsize=8.5,
          style="italic", color=COLORS["endothelium_edge"])
    _text(ax, 11.85, 0.2, "central nervous system tissue (brain, spinal cord, optic nerve)", ha="right",
          va="bottom", fontsize=8.5, style="italic")

    # --- headings -----------------------------------------------------------------------
    _text(ax, 3.0, 8.75, "1  Leukocyte entry into the CNS", fontsize=11, fontweight="bold")
    _text(ax, 9.0, 8.75, "2  Vessel-to-astrocyte support signal", fontsize=11, fontweight="bold")
    _text(ax, 9.0, 8.37, "(mouse study, SECONDARY report only)", fontsize=8.5, style="italic")

    # --- left: leukocyte and VLA-4 / VCAM1 ---------------------------------------------------
    leuk_c, leuk_r = (2.2, 7.3), 0.55
    artists["leukocyte"] = ax.add_patch(Circle(leuk_c, leuk_r, facecolor=COLORS["leukocyte"],
                                               edgecolor=COLORS["leukocyte_edge"], lw=1.6, zorder=4))
    artists["leukocyte"].set_gid("leukocyte")
    _text(ax, leuk_c[0], leuk_c[1], "T cell", fontsize=8.5, color=COLORS["leukocyte_edge"], fontweight="bold")
    _text(ax, 0.2, 7.75, "leukocyte", ha="left", fontsize=8.5, color=COLORS["leukocyte_edge"])
    # Alpha4 integrins on the leukocyte, each capped by natalizumab; VCAM1 on the wall stays unbound.
    for dx, tilt in ((-0.3, -0.1), (0.3, 0.1)):
        base = (leuk_c[0] + dx, leuk_c[1] - 0.46)
        tip = (leuk_c[0] + dx + tilt, 6.62)
        _lollipop(ax, base, tip, COLORS["alpha4"], radius=0.1)
        gid = "natalizumab_leukocyte" if dx > 0 else None
        line = _antibody(ax, (tip[0], tip[1] - 0.04), (0, 1), COLORS["natalizumab"], size=0.2, gid=gid)
        if gid:
            artists[gid] = line
    for x in (1.2, 3.1):
        _lollipop(ax, (x, ENDOTHELIUM[1]), (x, 6.2), COLORS["vcam1"], radius=0.1)
    _text(ax, 0.55, 6.2, "VCAM1", fontsize=8.5, color=COLORS["vcam1"], fontweight="bold")
    _text(ax, 3.75, 7.2, "alpha4 (VLA-4)", ha="left", fontsize=8.5, color=COLORS["alpha4"], fontweight="bold")
    ax.plot([2.6, 3.7], [6.72, 7.17], color=COLORS["alpha4"], lw=1, zorder=9)
    ax.annotate("natalizumab\nbound to alpha4", xy=(2.66, 6.45), xytext=(4.45, 6.62), fontsize=8.5,
                color=COLORS["natalizumab"], fontweight="bold", ha="left", va="center", zorder=10,
                arrowprops={"arrowstyle": "-", "color": COLORS["natalizumab"], "lw": 1,
                            "shrinkA": 2, "shrinkB": 2})
    # Attempted entry route: it ends at the vessel wall, where the cross marks the block.
    arrow = FancyArrowPatch((1.68, 7.05), (1.62, ENDOTHELIUM[1] + 0.02), connectionstyle="arc3,rad=0.35",
                            arrowstyle="-|>", mutation_scale=16, lw=2.2, color=COLORS["leukocyte_edge"], ls="--",
                            shrinkA=0, shrinkB=0, zorder=8)
    ax.add_patch(arrow)
    arrow.set_gid("entry_arrow")
    artists["entry_arrow"] = arrow
    artists["block_entry"] = _cross(ax, (1.62, sum(ENDOTHELIUM) / 2), 0.22, "block_entry")
    _text(ax, 0.45, 4.85, "entry blocked at the vessel wall", ha="left", color=COLORS["block"], fontweight="bold")
    _text(ax, 0.45, 4.3, "fewer immune cells reach the myelin\n(fewer MS lesions)", ha="left", fontsize=8.5)
    _box(ax, 3.0, 1.5,
         "MS: natalizumab on leukocyte alpha4 stops\nVLA-4 binding VCAM1, so fewer immune cells\n"
         "enter the CNS: fewer relapses (helps)", COLORS["leukocyte_edge"])

    # --- right: astrocyte support signal ---------------------------------------------------
    astro_c = (8.6, 2.9)
    shape = _astrocyte_shape(astro_c)
    artists["astrocyte"] = ax.add_patch(Polygon(shape, closed=True, facecolor=COLORS["astrocyte"],
                                                edgecolor=COLORS["astrocyte_edge"], lw=1.6, joinstyle="round",
                                                zorder=4))
    artists["astrocyte"].set_gid("astrocyte")
    _text(ax, astro_c[0], astro_c[1] - 0.05, "astrocyte", fontsize=8.5, color=COLORS["astrocyte_edge"],
          fontweight="bold")
    # Endfoot reaching the vessel wall.
    ax.plot([astro_c[0] + 0.45, 9.9, 10.5], [astro_c[1] + 0.65, 4.3, ENDOTHELIUM[0]],
            color=COLORS["astrocyte_edge"], lw=2.2, zorder=3, solid_capstyle="round")
    _text(ax, 10.3, 4.3, "astrocyte endfoot", ha="left", fontsize=8, color=COLORS["astrocyte_edge"])
    # VCAM1 released from the vessel wall, drifting down towards the astrocyte.
    for x, y in ((7.0, 5.0), (7.25, 4.55), (7.05, 4.1), (7.35, 3.7)):
        ax.add_patch(Circle((x, y), 0.1, facecolor=COLORS["vcam1"], edgecolor="white", lw=0.5, zorder=6))
    _text(ax, 6.25, 4.55, "VCAM1\nreleased", ha="left", fontsize=8.5, color=COLORS["vcam1"], fontweight="bold")
    signal = FancyArrowPatch((7.75, 5.25), (7.95, 4.1), arrowstyle="-|>", mutation_scale=16, lw=2.2,
                             color=COLORS["vcam1"], zorder=5)
    ax.add_patch(signal)
    signal.set_gid("signal_arrow")
    artists["signal_arrow"] = signal
    artists["block_signal"] = _cross(ax, (7.9, 4.6), 0.24, "block_signal")
    _text(ax, 8.3, 4.75, "survival / repair\nsignal blocked", ha="left", color=COLORS["block"],
          fontweight="bold", fontsize=8.5)
    # Alpha4 on the astrocyte, capped by natalizumab.
    for base, tip in (((8.05, 3.35), (7.85, 3.75)), ((7.75, 3.0), (7.35, 3.25))):
        _lollipop(ax, base, tip, COLORS["alpha4"], radius=0.1)
    artists["natalizumab_astrocyte"] = _antibody(ax, (7.82, 3.81), (-0.45, 1.0), COLORS["natalizumab"],
                                                 size=0.2, gid="natalizumab_astrocyte")
    _antibody(ax, (7.28, 3.29), (-1.0, 0.6), COLORS["natalizumab"], size=0.2)
    # The attack on the astrocyte: AQP4 antibodies in patients; in the mice, how is not reported (M1).
    for tip, direction in (((9.7, 2.55), (-1.0, 0.1)), ((9.45, 1.95), (-0.8, 0.6)), ((9.65, 3.25), (-1.0, -0.3))):
        _antibody(ax, tip, direction, COLORS["aqp4_igg"], size=0.17, lw=2)
    _text(ax, 10.15, 2.7, "astrocyte attack\n(NMOSD-like\nsetting; how:\nnot reported)", ha="left", fontsize=8.5,
          color=COLORS["aqp4_igg"])
    _box(ax, 9.0, 1.0,
         "NMOSD-like setting: astrocytes are the target;\nblocking their alpha4 removes a repair signal:\n"
         "worse astrocyte damage in the mouse model (harms)", COLORS["astrocyte_edge"])

    # --- legend ------------------------------------------------------------------------------
    y = -0.5
    _lollipop(ax, (0.25, y - 0.15), (0.25, y + 0.15), COLORS["alpha4"])
    _text(ax, 0.45, y, "integrin alpha4 (CD49d; with beta1 = VLA-4)", ha="left", fontsize=8.3)
    _lollipop(ax, (4.45, y - 0.15), (4.45, y + 0.15), COLORS["vcam1"])
    _text(ax, 4.65, y, "VCAM1", ha="left", fontsize=8.3)
    _antibody(ax, (5.85, y + 0.15), (0, 1), COLORS["natalizumab"], size=0.17)
    _text(ax, 6.05, y, "natalizumab (anti-alpha4),\nor its anti-mouse equivalent", ha="left", fontsize=8.3)
    _cross(ax, (8.75, y), 0.12, "legend_block")
    _text(ax, 8.95, y, "blocked", ha="left", fontsize=8.3)
    _antibody(ax, (9.95, y + 0.15), (0, 1), COLORS["aqp4_igg"], size=0.17, lw=2)
    legend = _text(ax, 10.15, y, "AQP4 antibody\n(in patients)", ha="left", fontsize=8.3, gid="legend")
    artists["legend"] = legend
    return artists


def mechanism(figsize: tuple[float, float] = (12, 9.5)):
    """The alpha4 / VCAM1 mechanism schematic as a Figure (:func:`draw_alpha4_mechanism` on one axes).

    Drawn from the qualitative claims of ``data/claims.csv`` (study ``astrocyte_vcam1_mouse``,
    source M1, SECONDARY); no numbers. The figure carries :data:`SCHEMATIC_LABEL` on its face.
    """
    fig, ax = plt.subplots(figsize=figsize)
    draw_alpha4_mechanism(ax)
    return fig
