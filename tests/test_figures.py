"""figures: deterministic saving with matplotlib's "tight" box, and plain log-axis labels."""

import re

import matplotlib.pyplot as plt
import pytest
from matplotlib.figure import Figure

from analysis.plots import style as figures


def _figure() -> Figure:
    figures.use_style()
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([1, 10, 100], [0.2, 3, 40], "o-")
    ax.set_yscale("log")
    ax.set_title("a title wide enough to reach past the axes on both sides, so the box is not the axes")
    ax.set_xlabel("x label")
    figures.label(ax, figures.ILLUSTRATIVE_LABEL)
    return fig


def _saved_as_matplotlib_saves_tight(fig, folder) -> bool:
    """Whether figures.save writes the PNG that matplotlib's own bbox_inches="tight" writes."""
    png, _ = figures.save(fig, "under_test")
    reference = folder / "reference.png"
    fig.savefig(reference, format="png", metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    return png.read_bytes() == reference.read_bytes()


def test_png_is_what_matplotlib_saves_with_a_tight_box(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    assert _saved_as_matplotlib_saves_tight(_figure(), tmp_path)


def test_saving_twice_gives_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    first = [p.read_bytes() for p in figures.save(_figure(), "demo")]
    second = [p.read_bytes() for p in figures.save(_figure(), "demo")]
    plt.close("all")
    assert first == second


def test_saving_leaves_the_figure_resolution_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    fig = _figure()
    before = fig.dpi
    figures.save(fig, "demo")
    assert fig.dpi == before
    plt.close(fig)


@pytest.mark.parametrize("value, text", [
    (1, "1"), (10, "10"), (1000, "1000"), (0.001, "0.001"), (0.2, "0.2"), (0.05, "0.05"),
    (1e-4, "10\u207b\u2074"), (1e-12, "10\u207b\u00b9\u00b2"), (1e4, "10\u2074"), (1e6, "10\u2076"),
    (2e-5, "2e-05"),
])
def test_log_tick_label(value, text):
    assert figures.log_tick_label(value) == text


def test_plain_log_labels_need_no_mathtext(tmp_path):
    figures.use_style()
    fig, ax = plt.subplots()
    ax.plot([1, 2], [1e-6, 10])
    ax.set_yscale("log")
    figures.plain_log_labels(ax.yaxis)
    fig.canvas.draw()
    majors = [t.get_text() for t in ax.yaxis.get_majorticklabels() if t.get_text()]
    minors = [t.get_text() for t in ax.yaxis.get_minorticklabels() if t.get_text()]
    plt.close(fig)
    assert majors and not any("$" in text for text in majors)
    assert {"10\u207b\u2076", "0.01", "1", "10"} <= set(majors)
    assert minors == []


def test_svg_text_is_searchable_text(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_FIGURES_DIR", str(tmp_path / "figures"))
    fig = _figure()
    fig.axes[0].set_xlabel("rate 0.17 per patient-year")
    with plt.rc_context({"svg.fonttype": "path"}):  # whatever the style in force says
        _, svg = figures.save(fig, "demo")
    plt.close(fig)
    texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg.read_text())
    assert "rate 0.17 per patient-year" in texts
    assert figures.ILLUSTRATIVE_LABEL in texts
