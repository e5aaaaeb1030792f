"""Re-creating the quantitative findings of five natalizumab / NMOSD / MS studies from summary data."""
