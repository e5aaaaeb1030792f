"""fisher_on_completions when the group is larger than the number lost: at least group_size - lost of the group
were followed, so the lost in the group run from 0 up to every lost patient, never past them. The tables are
counted before any test is run, and the refusal gives the count."""

import pytest

from analysis.stats.association import fisher_on_completions


def test_the_tables_of_a_group_larger_than_the_lost_are_counted_by_hand():
    # 100 patients, 56 followed: 44 lost, 22 of them assumed to have had the event; the group holds 46 > 44.
    # Followed in the group: 46 - 44 = 2 to min(46, 56) = 46, so the lost in the group, L = 46 - followed, run
    # from 0 to 44. Events among the lost in the group: max(0, 22 - (44 - L)) to min(22, L), that is L + 1 ways
    # for L <= 22 and 45 - L for L >= 22. Tables: (1 + 2 + ... + 23) + (22 + 21 + ... + 1) = 276 + 253 = 529.
    with pytest.raises(ValueError, match=r"^group_size, followed and lost_events must give at most 500 tables "
                                         r"\(got 529\): fisher_on_completions runs fisher_exact once per table"):
        fisher_on_completions(46, 100, 56, 22)


def test_a_group_larger_than_the_lost_has_a_table_for_every_split_of_the_lost():
    # 10 patients, 7 followed: 3 lost, 1 with the event; the group holds 5 > 3. Followed in the group: 5 - 3 = 2
    # to 5, so the lost in the group are 3, 2, 1, 0. The event falls in the group (if any lost are in it) or
    # outside (if any lost are outside): 1 + 2 + 2 + 1 = 6 tables.
    tables = fisher_on_completions(5, 10, 7, 1)
    assert list(zip(tables["lost_in_group"], tables["events_in_group"], strict=True)) == [
        (3, 1), (2, 0), (2, 1), (1, 0), (1, 1), (0, 0)]
