"""The astrocyte / VCAM1 mouse study: its study module (claims, not recomputable) and the alpha4 / VCAM1
schematic, which draws its labelled elements legibly."""

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.path import Path  # noqa: E402

from analysis import data  # noqa: E402
from analysis.findings import Ledger  # noqa: E402
from analysis.plots import astrocyte_vcam1_mouse as diagrams  # noqa: E402
from analysis.studies import astrocyte_vcam1_mouse as mouse  # noqa: E402

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


def test_mechanism_returns_a_figure_with_the_schematic_label():
    fig = diagrams.mechanism()
    try:
        assert tuple(fig.get_size_inches()) == (12, 9.5)
        assert any(t.get_text() == diagrams.SCHEMATIC_LABEL for t in fig.axes[0].texts)
    finally:
        plt.close(fig)


# --- the study module -------------------------------------------------------------------------------

def test_every_claim_is_a_not_recomputable_row_keyed_by_its_id():
    findings = Ledger(mouse.STUDY)
    claims = mouse.claims(findings)
    ids = ["model", "ms_like_benefit", "nmosd_like_harm", "vcam1_survival_signal", "alpha4_knockout", "rescue"]
    assert claims.claims["claim_id"].tolist() == ids
    assert (claims.claims["status"] == "SECONDARY").all() and (claims.claims["source"] == "M1").all()
    assert [r.key for r in findings.rows] == ids
    assert {(r.status, r.kind, r.source, r.section) for r in findings.rows} == {
        ("not_recomputable", "reported", "M1", "claims")}
    assert all("reported" in r.finding for r in findings.rows)  # each says what is missing
    assert claims.not_reported["consequence"].tolist() == ["nothing quantitative can be recomputed"]


def test_a_claim_without_a_ledger_text_is_refused(repo, tmp_path):
    import shutil
    root = tmp_path / "data"
    shutil.copytree(repo / "data", root)
    path = root / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8") + "astrocyte_vcam1_mouse,new_claim,Something new.,M1,news "
                    "article,SECONDARY\n", encoding="utf-8")
    with pytest.raises(ValueError, match="new_claim"):
        mouse.claims(Ledger(mouse.STUDY), data_dir=root)


def test_source_has_no_identified_paper():
    table = mouse.source(Ledger(mouse.STUDY))
    assert table["source_id"].tolist() == ["M1"] and table["doi"].tolist() == [""]
    assert table["status"].tolist() == ["SECONDARY"]


def test_no_numbers_and_the_clinical_anchors_read_the_other_studies():
    assert mouse.reported_values() == {}
    anchors = mouse.clinical_anchors(Ledger(mouse.STUDY))
    assert anchors["study"].tolist() == ["bringeland2020", "kleiter2012", "mahler2026"]
    assert anchors["finding"].iloc[0] == "35 of 35 followed (40 enrolled) met NEDA at 1 year"
    assert anchors["finding"].iloc[1] == "9 relapses in 5 patients"
    assert anchors["finding"].iloc[2] == "adjusted ARR 0.17 vs 0.76 vs 1.07"
    assert mouse.STUDY in data.studies()


@pytest.mark.parametrize("bad", [0, 1, "high", -0.5])
def test_check_parameters_names_level(bad):
    mouse.check_parameters(level=0.95)
    with pytest.raises(ValueError, match="level"):
        mouse.check_parameters(level=bad)
