"""What the extraction reads of a sentence written for a test, in the short forms the extraction tests compare."""

from __future__ import annotations

from analysis import audit
from analysis.extract import extract


def rows(text: str, columns: list[str]) -> list[tuple[str, ...]]:
    """The ``columns`` of each row of the draft ``text`` gives."""
    return [tuple(r[c] for c in columns) for r in extract(text, "demo").values().to_dict("records")]


def unread(text: str) -> dict[str, str]:
    """Each number left unread, by its characters, with the reason."""
    return {u.printed.text: u.reason for u in extract(text, "demo").unread}


def verdicts(text: str) -> dict[str, str]:
    """The status of each finding the audit makes of the draft, by its key."""
    return {f.key: f.status for f in audit.run(extract(text, "demo").values().replace("", None), "demo")}
