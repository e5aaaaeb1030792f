"""first_event_total_envelope weighs every assignment of the caps to the patients, also past the first 64 it holds
at once: here only an assignment late in their sorted order reaches the lower bound."""

import pytest

from analysis.stats.order_statistics import first_event_total_envelope


@pytest.mark.parametrize("caps", [[8, 4, 11, 9, 10], [4, 8, 9, 10, 11], [11, 10, 9, 8, 4]])
def test_the_fewest_events_by_a_day_need_the_largest_cap_on_the_earliest_patient(caps):
    # 5 patients, first days median 4 (range 2 to 4): sorted (2, f2, 4, f4, 4) with f2 in 2..4 and f4 = 4; 10 events,
    # so 5 extra, each at least 4 days after the one before in its patient and no later than the patient's cap.
    # Room for extras of a patient with first day f and cap c: floor((c - f) / 4).
    # Fewest events by day 3: f2 = 4 leaves one first event (day 2) by day 3, and no extra can come before day 6.
    # Five extras then need room 5: the day-2 patient with cap 11 (floor(9/4) = 2) or 10 (floor(8/4) = 2), the three
    # day-4 patients with the other caps of 8 to 11 (1 each), the cap 4 patient none: 2 + 1 + 1 + 1 = 5. With cap 9
    # or less on the day-2 patient the room is at most 4, so f2 = 2 would be forced (two events by day 3).
    # Of the 120 orders of five distinct caps, sorted, those starting with 10 or 11 are the last 48 (past 64).
    # Most events by day 3: first days (2, 3, 4, 4, 4) give two; no extra can come before day 6.
    envelope = first_event_total_envelope(5, 10, 4, 2, 4, [3], min_gap=4, cap=caps)
    assert envelope.to_dict("records") == [{"day": 3, "lower": 1, "upper": 2}]
