"""Figure style, deterministic saving, and the figure functions the notebooks draw."""

from analysis.plots.style import (
    ILLUSTRATIVE_LABEL,
    RECONSTRUCTION_LABEL,
    label,
    log_tick_label,
    plain_log_labels,
    save,
    show,
    use_style,
)

__all__ = ["ILLUSTRATIVE_LABEL", "RECONSTRUCTION_LABEL", "label", "log_tick_label", "plain_log_labels", "save",
           "show", "use_style"]
