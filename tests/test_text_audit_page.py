"""The page ``analysis audit FILE.txt`` writes for one abstract, read back as parsed HTML: the text with each
number marked by its verdict and linked to its row, and the rows, flags first, linked back to the text.

The findings are made by hand (not by the audit), so each verdict, count and cell is known from them alone."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from analysis.extract import extract, text_audit
from analysis.findings.ledger import Finding

# Offsets by hand: "Relapses: " is 10 characters, so 9 is at 10, 14 at 15-17, 64.3 at 19-23; "%). HR " puts 0.45 at
# 30-34, " (" and "95% CI " put 95 at 36-38 and 0.25 at 43-47, 0.85 at 48-52; "; p = " puts 0.01 at 58-62 and
# ") at week " puts 12 at 72-74.
TEXT = "Relapses: 9 of 14 (64.3%). HR 0.45 (95% CI 0.25-0.85; p = 0.01) at week 12."
WEEK = "a design fact or label (a phase, time point, grade or name)"


def finding(quantity: str, status: str, check: str = "k") -> Finding:
    return Finding(study="demo", finding=f"{quantity} is {status}", kind="consistency", reported=None,
                   recomputed=None, low=None, high=None, status=status, source="TEXT",
                   key=f"{check}__{quantity}__{status}", quantity=quantity, check=check)


class Page(HTMLParser):
    """The parts of a page a reader sees: headings, paragraphs, each link or mark with its attributes and text, and
    each table row as its id and the text of its cells."""

    def __init__(self, html: str):
        super().__init__()
        self.texts: dict[str, str] = {}  # the text of the first element of each tag among h1, title, p
        self.marks: list[dict] = []
        self.rows: list[tuple[str | None, list[str]]] = []
        self._tag_text: str | None = None
        self._tag: str | None = None
        self._mark: dict | None = None
        self._in_cell = False
        self.text: str | None = None  # the text shown with its marks, <div class="text">
        self._in_text = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "title", "p") and tag not in self.texts and self._tag is None:
            self._tag, self._tag_text = tag, ""
        elif tag == "a":
            self._mark = {**dict(attrs), "text": ""}
        elif tag == "tr":
            self.rows.append((dict(attrs).get("id"), []))
        elif tag in ("td", "th"):
            self.rows[-1][1].append("")
            self._in_cell = True
        elif tag == "div" and dict(attrs).get("class") == "text":
            self.text, self._in_text = "", True
        elif tag == "div" and self._in_cell and self.rows[-1][1][-1]:
            self.rows[-1][1][-1] += " | "  # one check's line after another

    def handle_data(self, data):
        if self._tag is not None:
            self._tag_text += data
        if self._mark is not None:
            self._mark["text"] += data
        if self._in_cell:
            self.rows[-1][1][-1] += data
        if self._in_text:
            self.text += data

    def handle_endtag(self, tag):
        if tag == self._tag:
            self.texts[tag] = " ".join(self._tag_text.split())
            self._tag = None
        elif tag == "a":
            self.marks.append(self._mark)
            self._mark = None
        elif tag in ("td", "th"):
            self._in_cell = False
        elif tag == "div":
            self._in_text = False


def page(findings: list[Finding], text: str = TEXT, path: str = "in/demo.txt") -> Page:
    return Page(text_audit.render(text_audit.Prepared(Path(path), extract(text, "demo"), findings)))


def test_the_page_is_titled_by_the_file_and_counts_numbers_checks_and_flags():
    parsed = page([finding("pct_1", "mismatch"), finding("hr_1", "consistent"), finding("n_1", "derived"),
                   finding("p_1", "not_recomputable")])
    assert parsed.texts["title"] == "Audit of demo.txt"
    assert parsed.texts["h1"] == "Audit of demo.txt (demo)"
    # rows 14, 9, 64.3, 0.45 (with its CI), 0.01; unread 95 and 12; checks: mismatch and consistent; one flag
    assert parsed.texts["p"].startswith("5 numbers read into the draft values.csv, 2 left unread (unread.csv); "
                                        "2 checks, 1 flag. ")
    assert page([finding("pct_1", "mismatch"), finding("hr_1", "inconsistent")]).texts["p"].startswith(
        "5 numbers read into the draft values.csv, 2 left unread (unread.csv); 2 checks, 2 flags. ")


def test_each_number_of_the_text_is_marked_by_its_verdict_and_links_to_its_row():
    parsed = page([finding("pct_1", "mismatch"), finding("hr_1", "consistent"), finding("n_1", "derived")])
    marks = [(m["id"], m["class"], m["href"], m["title"], m["text"]) for m in parsed.marks if "title" in m]
    assert marks == [
        ("at-10", "derived", "#q-n_1", "n_1: derived", "9"),
        ("at-15", "unchecked", "#q-total_1", "total_1: unchecked", "14"),
        ("at-19", "flag", "#q-pct_1", "pct_1: flag", "64.3"),
        ("at-30", "passed", "#q-hr_1", "hr_1: passed", "0.45"),
        ("at-36", "unread", "#u-36", "unread: the confidence level of an interval", "95"),
        ("at-43", "passed", "#q-hr_1", "hr_1: passed", "0.25"),  # a CI bound takes its estimate's verdict
        ("at-48", "passed", "#q-hr_1", "hr_1: passed", "0.85"),
        ("at-58", "unchecked", "#q-p_1", "p_1: unchecked", "0.01"),
        ("at-72", "unread", "#u-72", f"unread: {WEEK}", "12")]
    # and the marked text is the text itself, character for character
    assert parsed.text == TEXT


def test_the_rows_come_flags_first_then_in_text_order_each_with_its_checks_and_a_link_back():
    parsed = page([finding("pct_1", "mismatch", "percent_recompute"), finding("hr_1", "consistent", "in_ci"),
                   finding("hr_1", "derived", "se"), finding("n_1", "derived", "count_ci")])
    rows = [(row_id, cells) for row_id, cells in parsed.rows if row_id and row_id.startswith("q-")]
    assert rows == [
        ("q-pct_1", ["pct_1", "flag", "percent", "64.3", "", "n_1", "total_1",
                     "percent_recompute mismatch: pct_1 is mismatch", "chars 19-23"]),
        ("q-total_1", ["total_1", "unchecked", "count", "14", "", "", "", "", "chars 15-17"]),
        ("q-n_1", ["n_1", "derived", "count", "9", "", "", "total_1", "count_ci derived: n_1 is derived",
                   "chars 10-11"]),
        ("q-hr_1", ["hr_1", "passed", "ratio", "0.45", "0.25 to 0.85", "", "",
                    "in_ci consistent: hr_1 is consistent | se derived: hr_1 is derived", "chars 30-34"]),
        ("q-p_1", ["p_1", "unchecked", "p", "0.01", "", "hr_1", "", "", "chars 58-62"])]
    links = {m["href"]: m["text"] for m in parsed.marks if "title" not in m}
    assert {href: links[href] for href in ("#at-19", "#at-15", "#at-10", "#at-30", "#at-58")} == {
        "#at-19": "chars 19-23", "#at-15": "chars 15-17", "#at-10": "chars 10-11", "#at-30": "chars 30-34",
        "#at-58": "chars 58-62"}


def test_the_unread_numbers_are_listed_with_why_and_a_link_back():
    parsed = page([])
    unread = [(row_id, cells) for row_id, cells in parsed.rows if row_id and row_id.startswith("u-")]
    assert unread == [("u-36", ["95", "the confidence level of an interval", "chars 36-38"]),
                      ("u-72", ["12", WEEK, "chars 72-74"])]


def test_the_index_across_abstracts_puts_most_flags_first_and_ties_in_study_order():
    def audited(study: str, statuses: list[str]) -> text_audit.Audited:
        findings = [finding("n_1", status) for status in statuses]
        return text_audit.audited(text_audit.Prepared(Path(f"in/{study}.txt"), extract("Seven patients.", study),
                                                      findings))

    # zeta and beta have one flag each (beta first by name), alpha none though it has more checks
    page = Page(text_audit.render_index([audited("zeta", ["mismatch", "match"]), audited("alpha", ["match"] * 3),
                                         audited("beta", ["infeasible"])]))
    assert page.texts["title"] == page.texts["h1"] == "Audit of 3 abstracts"
    body = [cells for row_id, cells in page.rows][1:]  # after the heading row
    # abstract, source, flags, checks, numbers read, unread ("Seven patients." reads one count, leaves none)
    assert [[" ".join(cell.split()) for cell in cells] for cells in body] == [
        ["beta", "in/beta.txt", "1", "1", "1", "0"], ["zeta", "in/zeta.txt", "1", "2", "1", "0"],
        ["alpha", "in/alpha.txt", "0", "3", "1", "0"]]
    assert [(m["href"], m["text"]) for m in page.marks] == [("beta/index.html", "beta"), ("zeta/index.html", "zeta"),
                                                            ("alpha/index.html", "alpha")]
