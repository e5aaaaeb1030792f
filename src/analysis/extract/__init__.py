"""Read the printed numbers of an abstract's text into a draft values file (issue 22).

``extract(text, study)`` finds every pattern of the grammar (:mod:`.grammar`, ``grammar.lark``: k/n (x%),
x% (k/n), "k of n (x%)", "(N = 40)", ratios with their 95% CI and p, annualised relapse rates, p values,
t/F/chi2/z/r with df and p, median with range or IQR, mean ± SD or mean (SD), counts in words) and turns each
match into typed rows of the values schema of ``data/README.md`` (:mod:`.reading`). Values and decimals are
kept as printed (``0.60`` has 2 decimals; ``1,225`` is 1225; ``0·45`` and ``0∙45`` are 0.45; a unicode minus is ``-``).

Linking is conservative: a percent is tied to a count or total, and a p to an estimate, only inside one match,
so only where the clause itself ties them. A count and percent whose total is carried over from an earlier
sentence ("3 (18%) of whom") are listed unread, never linked by a guess. An estimate or a list of ARRs printed
without its statistic's name takes the name from earlier in its sentence only where the words between tie
them, and is read alone where it has no CI or p of its own. Every numeric token of the text (digits, or a
number in words from one to nine hundred and ninety-nine) ends up in exactly one place: held by a row (its
value, a CI bound, a degree of freedom) or listed in the unread table with its reason.

``extract_file(path, out)`` is ``analysis extract FILE --out VALUES.csv``: it writes the draft and, beside
it, ``<stem>.unread.csv``. Offsets (``location`` = ``chars START-END``) count characters of the text as
decoded (a byte-order mark excluded), from 0, the end excluded, as a Python slice ``text[START:END]``.
A draft has source ``TEXT`` (the text file itself) and status ``ABSTRACT``; the note of a row is the sentence
it was read in. A count printed without its unit is in ``patients`` (the schema needs a count unit).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.extract import grammar
from analysis.extract.reading import DOSE, NOT_SIGNIFICANT, YEAR, Printed, Reader, Row, Unread, words_to_number

__all__ = ["Extraction", "ExtractError", "extract", "extract_file", "numeric_tokens", "study_id",
           "read_text", "VALUES_COLUMNS", "UNREAD_COLUMNS", "MAX_BYTES", "MAX_EXPORT_BYTES"]

VALUES_COLUMNS = ["study", "quantity", "value", "decimals", "comparator", "unit", "ci_low", "ci_high", "denominator",
                  "role", "source", "location", "status", "note", "statistic", "of", "df", "ci_decimals"]
UNREAD_COLUMNS = ["start", "end", "text", "reason", "sentence"]
SOURCE = "TEXT"
STATUS = "ABSTRACT"
# An abstract is a few thousand characters; a whole paper under 200,000. Larger input is refused unread.
MAX_BYTES = 1_000_000
# A PubMed export of 10,000 abstracts in MEDLINE format is about 30 MB.
MAX_EXPORT_BYTES = 100_000_000
_SUMMARIES = {"mean", "sd", "median", "min", "max", "q1", "q3"}
_DIGITS = re.compile(r"\d+(?:[.·,]\d+)*")
# Why the digits inside a label token are not read, by the label's terminal.
_LABEL_REASONS = {"CI95": "the confidence level of an interval",
                  "PER_100_PATIENT_YEARS": "the scale of a rate per 100 or 1000 patient-years",
                  "WORD": "a part of a name (AQP4, aquaporin-4, IL-6, beta-1a)",
                  "DECIMAL_COMMA": "a decimal comma (7,88): the extraction reads a decimal point or a middle dot "
                                   "only; check it by hand",
                  "GLUED_WORDNUM": "a number in words glued to the word before it (\"ResultsEighty-two\": a heading "
                                   "run into its text); check it by hand"}
_LABELLED = tuple(_LABEL_REASONS)
_ONES = "one|two|three|four|five|six|seven|eight|nine"
# A number in words at the end of a word it is glued to after a small letter ("ResultsEighty-two patients"): the
# lexer sees one word, so it is found here, listed unread, never dropped; its capital marks where it starts (a word
# may end in "one" or "ten"), and its part after the hyphen has either case ("ResultsTwenty-Two")
_GLUED_WORD_NUMBER = re.compile(rf"(?<=[a-z])(?:(?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)"
                                rf"(?:[-‐‑–](?i:{_ONES}))?|Zero|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|"
                                rf"Twelve|Thirteen|Fourteen|Fifteen|Sixteen|Seventeen|Eighteen|Nineteen)$")
_LABEL_BEFORE = re.compile(r"(?<![^\W\d_])(?:phase|weeks?|months?|years?|days?|grade|type|stage|cycle|visit|step|"
                           r"version|no\.?|n°|T|IgG|IL|CD|AQP|MOG|figures?|fig\.|tables?)[\s-]*$", re.IGNORECASE)
_DURATION_AFTER = re.compile(r"^[\s-]*(?:days?|weeks?|months?|years?)(?![^\W\d_])", re.IGNORECASE)
_MONTHS = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(?:\d{1,2},?\s*)?$",
                     re.IGNORECASE)


class ExtractError(Exception):
    """Input that cannot be extracted; ``str()`` is one line naming the file and the root cause."""


@dataclass
class Extraction:
    """What :func:`extract` read from a text: the rows of the draft and the numbers left unread."""

    text: str
    study: str
    rows: list[Row]
    quantities: list[str]
    unread: list[Unread]
    sentences: list[tuple[int, int]]

    def sentence(self, span: tuple[int, int]) -> str:
        return " ".join(self.text[span[0]:span[1]].split())

    def values(self) -> pd.DataFrame:
        """The draft values table (text cells, as written to the CSV)."""
        named = list(zip(self.rows, self.quantities, strict=True))
        name = {id(row): quantity for row, quantity in named}
        records = []
        for row, quantity in named:
            records.append({
                "study": self.study, "quantity": quantity, "value": row.printed.value,
                "decimals": "" if row.printed.value == NOT_SIGNIFICANT else str(row.printed.decimals),
                "comparator": row.comparator, "unit": row.unit,
                "ci_low": row.ci[0].value if row.ci else "", "ci_high": row.ci[1].value if row.ci else "",
                "denominator": name[id(row.denominator)] if row.denominator else "", "role": "primary",
                "source": SOURCE, "location": f"chars {row.printed.start}-{row.printed.end}", "status": STATUS,
                "note": self.sentence(row.sentence) + _mixed_ci_remark(row), "statistic": row.statistic,
                "of": name[id(row.of)] if row.of else (row.variable or ""), "df": row.df or "",
                "ci_decimals": str(_ci_decimals(row)) if row.ci and _ci_decimals(row) != row.printed.decimals
                else ""})
        return pd.DataFrame(records, columns=VALUES_COLUMNS)  # every cell is a str already

    def unread_table(self) -> pd.DataFrame:
        records = [{"start": str(u.printed.start), "end": str(u.printed.end), "text": u.printed.text,
                    "reason": u.reason, "sentence": self.sentence(_sentence_at(self.sentences, u.printed.start))}
                   for u in self.unread]
        return pd.DataFrame(records, columns=UNREAD_COLUMNS)  # every cell is a str already


def _ci_decimals(row: Row) -> int:
    """The CI's decimals: with bounds printed at different decimals ("0.2 to 0.63"), the fewer. A bound read
    at fewer decimals than printed stands for a wider rounding interval that holds its own (the reading
    refuses a finer bound halfway at the coarser decimals), so each check can only be more lenient."""
    return min(row.ci[0].decimals, row.ci[1].decimals)


def _mixed_ci_remark(row: Row) -> str:
    if row.ci is None or row.ci[0].decimals == row.ci[1].decimals:
        return ""
    return (f" [CI bounds printed with different decimals ({row.ci[0].text}, {row.ci[1].text}): both read at "
            f"{_ci_decimals(row)}, the coarser, so the checks are more lenient, never stricter]")


def _sentence_at(sentences: list[tuple[int, int]], start: int) -> tuple[int, int]:
    # Always found: a number is not whitespace, and the sentences leave out only whitespace.
    return next(s for s in sentences if s[0] <= start < s[1])


def numeric_tokens(text: str) -> list[Printed]:
    """Every number printed in ``text``, as the grammar's lexer cuts them: each NUMBER and number in words,
    the digits inside a "95% CI" or "per 100 patient-years" label or a name ("aquaporin-4"), and a number in
    words glued to the end of a word ("ResultsEighty-two")."""
    found = []
    for token in grammar.tokens(text):
        if token.type in ("NUMBER", "WORDNUM"):
            found.append(Printed.of([token]))
        else:
            found += [number for number, _ in _inside_label(token)]
    return found


def _inside_label(token) -> list[tuple[Printed, str]]:
    """The numbers inside a token no pattern reads as a number, each with the key of its reason in
    ``_LABEL_REASONS``: a number in words glued to the end of a word, or the digits of a label or a name."""
    if token.type == "WORD" and (glued := _GLUED_WORD_NUMBER.search(str(token))):
        start = token.start_pos + glued.start()
        return [(Printed(glued.group(), str(words_to_number(glued.group())), 0, start, token.end_pos),
                 "GLUED_WORDNUM")]
    if token.type not in _LABELLED:
        return []
    return [(Printed(digits.group(), digits.group(), 0, token.start_pos + digits.start(),
                     token.start_pos + digits.end()), token.type) for digits in _DIGITS.finditer(str(token))]


def _reason(text: str, number: Printed, label_tokens: dict[int, str]) -> str:
    """Why a number that no pattern read was left unread, from its neighbours."""
    if number.start in label_tokens:
        return _LABEL_REASONS[label_tokens[number.start]]
    before, after = text[max(0, number.start - 40):number.start], text[number.end:number.end + 20]
    if re.match(r"^:\d", after) or re.search(r"\d:$", before):
        return "an allocation ratio (a design fact)"
    if DOSE.match(after):
        return "a dose"
    if _MONTHS.search(before) or (YEAR.fullmatch(number.text) and not after.lstrip().startswith("%")):
        return "a date"
    if _LABEL_BEFORE.search(before):
        return "a design fact or label (a phase, time point, grade or name)"
    if _DURATION_AFTER.match(after):
        return "a duration outside a summary (a design fact such as follow-up or an age)"
    if number.text[:1].isalpha():
        return "a number in words outside a count"
    return "no pattern of the grammar reads it"


def _quantities(rows: list[Row]) -> list[str]:
    """A unique snake_case id per row: ``<prefix>_<k>`` (``n_1``, ``hr_2``), a summary ``<variable>_<stat>``."""
    seen: Counter = Counter()
    names = []
    for row in rows:
        if row.statistic in _SUMMARIES:
            names.append(row.prefix)
            continue
        seen[row.prefix] += 1
        names.append(f"{row.prefix}_{seen[row.prefix]}")
    return names


def extract(text: str, study: str) -> Extraction:
    """Every printed number of ``text`` read into typed rows (see the module docstring) or listed unread."""
    printed = text
    # The bullet operator is a decimal point too in some copies of Lancet abstracts ("0∙6"): read as the
    # middle dot, one character for one, so that every offset still points into the text as printed.
    text = text.replace("\u2219", "\u00b7")
    sentences = grammar.sentences(text)
    reader = Reader(text, sentences)
    for match in grammar.scan(text, sentences):
        reader.read(match)
    reader.read_rate_lists()
    # By where each number ends: a row's number may start at its minus sign, the token after it.
    held = {n.end for row in reader.rows for n in row.held}
    listed = {u.printed.end for u in reader.unread}
    labels = {number.start: kind for token in grammar.tokens(text) for number, kind in _inside_label(token)}
    unread = list(reader.unread)
    for number in numeric_tokens(text):
        if number.end not in held and number.end not in listed:
            unread.append(Unread(number, _reason(text, number, labels)))
    unread.sort(key=lambda u: (u.printed.start, u.printed.end))
    return Extraction(printed, study, reader.rows, _quantities(reader.rows), unread, sentences)


def study_id(path: Path | str) -> str:
    """The study id of a text file: its stem in snake_case (``Kim 2021-PREVENT.txt`` is ``kim_2021_prevent``)."""
    name = re.sub(r"[^a-z0-9]+", "_", Path(path).stem.lower()).strip("_")
    return name if name[:1].isalpha() else f"s_{name}"


def read_text(path: Path, limit: int = MAX_BYTES, what: str = "an abstract's text") -> str:
    """The text of ``path``: at most ``limit`` bytes (checked before reading), UTF-8 (a BOM allowed)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise ExtractError(f"{path}: not a file")
        if size > limit:
            raise ExtractError(f"{path}: {size} bytes, more than the {limit} {what} may have")
        raw = path.read_bytes()
    except OSError as exc:
        raise ExtractError(f"{path}: cannot be read: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractError(f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded)") from None


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _check_ours(target: Path, columns: list[str]) -> None:
    """Refuse to overwrite a file that is not a table this command writes (its header differs)."""
    if not target.exists():
        return
    try:
        with target.open(encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n")
    except (OSError, UnicodeDecodeError):
        header = None
    if target.is_dir() or header != ",".join(columns):
        raise ExtractError(f"{target}: exists and was not written by analysis extract; choose another --out")


def unread_path(out: Path) -> Path:
    """``<stem>.unread.csv`` beside the draft ``out``."""
    return out.with_name(f"{out.stem}.unread.csv")


def extract_file(path: Path | str, out: Path | str, study: str | None = None) -> tuple[Extraction, Path, Path]:
    """Extract the text file ``path`` into the draft ``out`` and ``<stem>.unread.csv`` beside it.

    Raises :class:`ExtractError` (one line, the root cause first) on bad input, writing nothing.
    """
    from analysis.data.load import validate_frame
    from analysis.paths import atomic_write_text

    path, out = Path(path), Path(out)
    if study is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", study):
        raise ExtractError(f"--study must be snake_case (a-z, 0-9, _; starting with a letter), got {study!r}")
    if out.suffix.lower() != ".csv":
        raise ExtractError(f"--out must name a .csv file, got {out}")
    if out.resolve() == path.resolve():
        raise ExtractError(f"--out {out} is the input file")
    second = unread_path(out)
    _check_ours(out, VALUES_COLUMNS)
    _check_ours(second, UNREAD_COLUMNS)
    text = read_text(path)
    extraction = extract(text, study or study_id(path))
    values = extraction.values()
    _, problems = validate_frame(out, values.replace("", None), "values", extraction.study)
    if problems:  # a defect of the extraction itself, said as such
        raise ExtractError(f"{path}: the draft fails the values schema ({problems[0][0]}); "
                           "this is a defect of analysis extract")
    atomic_write_text(out, _csv(values))
    atomic_write_text(second, _csv(extraction.unread_table()))
    return extraction, out, second
