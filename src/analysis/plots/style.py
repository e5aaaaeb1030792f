"""Figure style and deterministic saving.

Every figure is saved as PNG and SVG with fixed metadata (no dates, no version
strings, a fixed SVG id salt), so rerunning the notebooks gives identical bytes.
SVG text stays text (``svg.fonttype = "none"``): a reviewer can search a figure for
a printed number, an editor can change a label, and the file is half the size. It is
set in DejaVu Sans, matplotlib's font, with the usual sans-serif fonts as fallbacks;
the PNG is the exact rendering. Figures drawn from reconstructed or illustrative data
carry a visible label.
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import FuncFormatter, NullFormatter

from analysis import paths

RECONSTRUCTION_LABEL = "RECONSTRUCTION: one dataset consistent with the published summary, not study data"
ILLUSTRATIVE_LABEL = "ILLUSTRATIVE: assumed inputs, not study data"

_PNG_METADATA = {"Software": None}
_SVG_METADATA = {"Date": None, "Creator": None}


def use_style() -> None:
    """Project-wide presentation defaults; call once at the top of a notebook.

    Matplotlib's figure style, and pandas' plain-text tables no wider than 120 characters
    with cells up to 100; in IPython, data frames' HTML tables (what the report shows) hold
    every cell's full text (:func:`frame_html`).
    """
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 100)
    try:
        from IPython import get_ipython
    except ImportError:  # outside Jupyter there is no HTML display to set
        shell = None
    else:
        shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, frame_html)
    mpl.rcParams.update({
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "figure.figsize": (7.5, 4.2),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titleweight": "bold",
        "axes.titlesize": 11,
        "axes.labelsize": 10,
        "legend.frameon": False,
        "font.size": 9.5,
        "svg.hashsalt": "analysis",
        "svg.fonttype": "none",
    })


def frame_html(frame: pd.DataFrame) -> str | None:
    """``frame``'s HTML table as pandas displays it, but with no cell cut short with "..."
    (``display.max_colwidth`` lifted for the HTML only; the plain text keeps its width)."""
    with pd.option_context("display.max_colwidth", None):
        return frame._repr_html_()


def label(ax, text: str = RECONSTRUCTION_LABEL) -> None:
    """Stamp a reconstruction / illustrative label across the top of ``ax``."""
    ax.text(0.5, 1.0, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=7.5,
            color="#8a1c1c", fontweight="bold",
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "#fbeaea", "edgecolor": "#8a1c1c"})


_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def log_tick_label(value: float, position=None) -> str:
    """A log-axis tick label in plain text: ``0.01``, ``1``, ``1000``; ``10⁻⁵`` beyond.

    Plain numbers read more easily than matplotlib's default ``10^{-2}``, and need no
    mathtext: typesetting those labels was a visible share of each figure's drawing time.
    """
    if 1e-3 <= abs(value) <= 1e3:
        return f"{value:g}"
    exponent = math.log10(abs(value))
    if exponent == round(exponent):
        return "10" + str(round(exponent)).translate(_SUPERSCRIPT)
    return f"{value:.0e}"


def plain_log_labels(axis) -> None:
    """Label a log-scaled ``axis`` (``ax.xaxis`` or ``ax.yaxis``) with :func:`log_tick_label`.

    Minor ticks keep their marks and lose their labels, as matplotlib's default does
    on axes that span more than a decade.
    """
    axis.set_major_formatter(FuncFormatter(log_tick_label))
    axis.set_minor_formatter(NullFormatter())


def _save(fig, target: Path, **kwargs) -> None:
    paths.atomic_write(target, lambda tmp: fig.savefig(tmp, **kwargs))


def save(fig, name: str) -> list[Path]:
    """Save ``fig`` as ``<name>.png`` and ``<name>.svg`` in the figures folder."""
    folder = paths.figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    png, svg = folder / f"{name}.png", folder / f"{name}.svg"
    # A fixed salt makes SVG element ids the same on every run, whatever style is in use;
    # text as text, whatever it is (see the module's docstring).
    with mpl.rc_context({"svg.hashsalt": "analysis", "svg.fonttype": "none"}):
        _save(fig, png, format="png", metadata=_PNG_METADATA, bbox_inches="tight")
        _save(fig, svg, format="svg", metadata=_SVG_METADATA, bbox_inches="tight")
    return [png, svg]


def show(fig, name: str) -> None:
    """Save ``fig``, display the saved PNG inline (then close the figure).

    Showing the saved file rather than drawing the figure a third time keeps the
    notebook's picture identical to the one in ``figures/`` and saves a render.
    """
    from IPython.display import Image, display

    png, _ = save(fig, name)
    data = png.read_bytes()
    width = struct.unpack(">I", data[16:20])[0]  # PNG header: pixel width
    # Shown at screen resolution, as an inline figure would be.
    display(Image(data=data, width=round(width * mpl.rcParams["figure.dpi"] / mpl.rcParams["savefig.dpi"])))
    plt.close(fig)
