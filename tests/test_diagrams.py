"""The alpha4 / VCAM1 schematic draws its labelled elements legibly."""

import itertools

import matplotlib

matplotlib.use("Agg")
from matplotlib.path import Path  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from analysis.plots import diagrams  # noqa: E402

EXPECTED_KEYS = {"vessel", "endothelium", "tissue", "leukocyte", "astrocyte", "block_entry", "block_signal",
                 "natalizumab_leukocyte", "natalizumab_astrocyte", "entry_arrow", "signal_arrow", "legend",
                 "schematic_label"}


@pytest.fixture(scope="module")
def drawn():
    fig, ax = plt.subplots(figsize=(12, 9.5))
    artists = diagrams.draw_alpha4_mechanism(ax)
    fig.canvas.draw()
    yield fig, ax, artists
    plt.close(fig)


def _texts(ax):
    return [t for t in ax.texts if t.get_text().strip()]


def test_returns_every_named_element_and_each_is_on_the_axes(drawn):
    _, ax, artists = drawn
    assert set(artists) == EXPECTED_KEYS
    on_axes = set(ax.patches) | set(ax.lines) | set(ax.texts)
    for name, artist in artists.items():
        assert artist in on_axes, name
        assert artist.get_gid() == name


@pytest.mark.parametrize("label", ["VCAM1", "alpha4", "natalizumab", "T cell", "astrocyte", "endothelial",
                                   "blood vessel", "AQP4", "entry blocked", "signal blocked", "VLA-4", "CD49d",
                                   "MS", "NMOSD", "helps", "harms", "SCHEMATIC", "no data",
                                   "anti-mouse equivalent"])
def test_expected_labels_are_written(drawn, label):
    _, ax, _ = drawn
    assert any(label in t.get_text() for t in _texts(ax)), label


def test_natalizumab_marks_both_cells(drawn):
    _, _, artists = drawn
    # One antibody sits on the leukocyte's alpha4 (in the vessel), one on the astrocyte's (in the tissue).
    vessel_bottom = artists["vessel"].get_y()
    leuk = artists["natalizumab_leukocyte"].get_ydata()
    astro = artists["natalizumab_astrocyte"].get_ydata()
    assert min(leuk) > diagrams.ENDOTHELIUM[1] - 0.2 and max(leuk) <= vessel_bottom + 1.5
    assert max(astro) < diagrams.ENDOTHELIUM[0]


def test_no_two_labels_overlap_and_all_stay_inside_the_figure(drawn):
    fig, ax, _ = drawn
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in _texts(ax)]
    clashes = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]
    assert clashes == []
    frame = ax.get_window_extent(renderer)
    outside = [text for text, box in boxes
               if box.x0 < frame.x0 - 1 or box.x1 > frame.x1 + 1 or box.y0 < frame.y0 - 1 or box.y1 > frame.y1 + 1]
    assert outside == []


def test_blocked_entry_arrow_stops_at_the_vessel_wall(drawn):
    _, _, artists = drawn
    path = artists["entry_arrow"].get_path()
    drawn_points = path.vertices[path.codes != Path.CLOSEPOLY]
    wall_bottom, wall_top = diagrams.ENDOTHELIUM
    # The arrow (shaft and head) stays in the lumen, ending on the wall: it never enters the tissue.
    assert drawn_points[:, 1].min() >= wall_top - 0.05
    assert drawn_points[:, 1].min() <= wall_top + 0.15
    # The block sign sits on the wall, under the arrow's end.
    cross_x, cross_y = artists["block_entry"].get_xdata().mean(), artists["block_entry"].get_ydata().mean()
    assert wall_bottom <= cross_y <= wall_top
    end_x = drawn_points[np.argmin(drawn_points[:, 1]), 0]
    assert abs(cross_x - end_x) < 0.3


def test_schematic_label_is_on_the_image(drawn):
    _, _, artists = drawn
    assert artists["schematic_label"].get_text() == diagrams.SCHEMATIC_LABEL
    assert "no data" in diagrams.SCHEMATIC_LABEL
