"""``analysis.extract``: whatever numbers a text prints, the draft it writes passes the values schema.

A draft that fails the schema is a defect of the extraction, and `analysis audit` then refuses the whole call: one
abstract printing "median ICU stay 0 days" once stopped a folder of 25. Here every text of the project's own corpus
is read again with its numbers replaced, in turn, by edge values (0, 0.00, 1, 100, 101, a million, -1 and −2.5),
one number in three at a time, and every draft must validate."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.data.load import validate_frame
from analysis.extract import extract

CORPUS = Path(__file__).parent / "fixtures" / "abstracts" / "text"
TEXTS = sorted([*CORPUS.glob("*.txt"), *CORPUS.glob("*.md")])
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
EDGES = ["0", "0.00", "1", "100", "101", "1000000", "-1", "−2.5"]


def variants(text: str, edge: str) -> list[str]:
    """``text`` with one number in three replaced by ``edge``: the first, fourth, ... numbers; then the second,
    fifth, ...; then the third, sixth, ..."""
    spans = [m.span() for m in NUMBER.finditer(text)]
    out = []
    for offset in range(3):
        pieces, last = [], 0
        for start, end in spans[offset::3]:
            pieces += [text[last:start], edge]
            last = end
        out.append("".join(pieces) + text[last:])
    return out


def test_the_corpus_is_there():
    assert len(TEXTS) >= 15


def suffixed(draft: pd.DataFrame, k: int) -> pd.DataFrame:
    """``draft`` with every name (``quantity``, and each of ``of`` and ``denominator``) ending in ``_vk``, so that
    the drafts of one text's variants validate together as one file."""
    named = draft.copy()
    for column in ("quantity", "of", "denominator"):
        named[column] = named[column].map(
            lambda names: ";".join(f"{name}_v{k}" for name in names.split(";")) if names else names)
    return named


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.stem)
def test_a_draft_passes_the_schema_whatever_numbers_its_text_prints(path):
    text = path.read_text(encoding="utf-8")
    drafts = [(edge, extract(variant, "edge").values()) for edge in EDGES for variant in variants(text, edge)]
    together = pd.concat([suffixed(draft, k) for k, (_, draft) in enumerate(drafts)], ignore_index=True)
    _, problems = validate_frame(Path("edge.csv"), together.replace("", None), "values", "edge")
    assert problems == [], problems[0][0]


# Forms the corpus texts do not print, each read into rows of its own kind (a correlation with its CI and no df, a
# mean difference with its CI and p, values closed by "respectively", rates listed with their CIs)
FORMS = ["Levels tracked disability (r=0.45, 95% CI 0.29-0.67) and lesions (r = 0.38, 95% CI 0.12-0.59; p = 0.004).",
         "The mean difference was −2.5 days (95% CI −4.0 to −1.0; p=0.001); scores were 1.20 points lower "
         "(95% CI, 0.30-2.10, p=0.01).",
         "The median delay was 9 and 4 days, respectively, and mean gains were 10.2, 15.5, and 11.9 points, "
         "respectively.",
         "ARRs (95% CI) were 0.14 (0.09-0.21) and 0.26 (0.19-0.35), respectively.",
         "Scores fell more (absolute difference 0.15, 95% CI -0.02 to 0.32; p = 0.08) and skin cleared more "
         "[difference (95% CI): 11.5% (2.5-20.5); P = 0.02].",
         "We enrolled 180 patients (64.4% female, 38.9% untreated); of 900 others, 70% (n=630) were adults.",
         "The SMR fell from 3.90 (95% CI 3.50 to 4.34) to 1.60 (95% CI 1.44 to 1.78); 70/120 = 58.33% recovered.",
         "The mean change at week 12 was −2.5 (95% CI −3.1 to −1.9) versus −1.0 (95% CI −1.6 to −0.4); the "
         "treatment difference was −1.5 (95% CI −2.3 to −0.7; P<0.001)."]


@pytest.mark.parametrize("text", FORMS)
def test_a_draft_of_other_forms_passes_the_schema_whatever_numbers_they_print(text):
    assert len(extract(text, "edge").values()) >= 2  # the form is read as written
    drafts = [extract(variant, "edge").values() for edge in EDGES for variant in variants(text, edge)]
    together = pd.concat([suffixed(draft, k) for k, draft in enumerate(drafts)], ignore_index=True)
    _, problems = validate_frame(Path("edge.csv"), together.replace("", None), "values", "edge")
    assert problems == [], problems[0][0]
