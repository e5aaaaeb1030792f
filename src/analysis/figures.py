"""Figure style and deterministic saving.

Every figure is saved as PNG and SVG with fixed metadata (no dates, no version
strings, a fixed SVG id salt), so rerunning the notebooks gives identical bytes.
Figures drawn from reconstructed or illustrative data carry a visible label.
"""

from __future__ import annotations

import struct
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt

from analysis import paths

RECONSTRUCTION_LABEL = "RECONSTRUCTION: one dataset consistent with the published summary, not study data"
ILLUSTRATIVE_LABEL = "ILLUSTRATIVE: assumed inputs, not study data"

_PNG_METADATA = {"Software": None}
_SVG_METADATA = {"Date": None, "Creator": None}


def use_style() -> None:
    """Project-wide plotting defaults; call once at the top of a notebook."""
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
        "svg.fonttype": "path",
    })


def label(ax, text: str = RECONSTRUCTION_LABEL) -> None:
    """Stamp a reconstruction / illustrative label across the top of ``ax``."""
    ax.text(0.5, 1.0, text, transform=ax.transAxes, ha="center", va="bottom", fontsize=7.5,
            color="#8a1c1c", fontweight="bold",
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "#fbeaea", "edgecolor": "#8a1c1c"})


def _save(fig, target: Path, **kwargs) -> None:
    paths.atomic_write(target, lambda tmp: fig.savefig(tmp, **kwargs))


def save(fig, name: str) -> list[Path]:
    """Save ``fig`` as ``<name>.png`` and ``<name>.svg`` in the figures folder."""
    folder = paths.figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    png, svg = folder / f"{name}.png", folder / f"{name}.svg"
    # A fixed salt makes SVG element ids the same on every run, whatever style is in use.
    with mpl.rc_context({"svg.hashsalt": "analysis"}):
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
