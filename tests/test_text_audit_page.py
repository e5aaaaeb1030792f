"""The page ``analysis audit FILE.txt`` writes for one abstract, read back as parsed HTML: the text with each
number marked by its verdict and linked to its row, and the rows, flags first, linked back to the text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from analysis.extract import extract, text_audit
from analysis.findings.ledger import Finding


def finding(quantity: str, status: str) -> Finding:
    return Finding(study="demo", finding=f"{quantity} {status}", kind="consistency", reported=None, recomputed=None,
                   low=None, high=None, status=status, source="TEXT", key=f"k__{quantity}__{status}",
                   quantity=quantity, check="k")


class Marks(HTMLParser):
    """The text of every element that carries a ``title`` attribute, with its attributes."""

    def __init__(self):
        super().__init__()
        self.open: list[dict] = []
        self.marks: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "title" in attributes:
            self.open.append({"tag": tag, **attributes, "text": ""})

    def handle_data(self, data):
        for mark in self.open:
            mark["text"] += data

    def handle_endtag(self, tag):
        if self.open and self.open[-1]["tag"] == tag:
            self.marks.append(self.open.pop())


def test_each_number_of_the_text_carries_its_verdict_in_its_title():
    # "9 of 14 (64.3%)": count n_1, total total_1, percent pct_1; "12" after "week" is a time point, unread.
    text = "Relapses: 9 of 14 (64.3%) at week 12."
    prepared = text_audit.Prepared(Path("demo.txt"), extract(text, "demo"), [finding("pct_1", "mismatch")])
    parser = Marks()
    parser.feed(text_audit.render(prepared))
    titled = {mark["text"]: mark["title"] for mark in parser.marks}
    assert titled["64.3"] == "pct_1: flag"
    assert titled["9"] == "n_1: unchecked"
    assert titled["14"] == "total_1: unchecked"
    assert titled["12"] == "unread: a design fact or label (a phase, time point, grade or name)"
