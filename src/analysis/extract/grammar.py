"""The grammar of printed numbers (``grammar.lark``) and the scan that finds its patterns in a text.

The text is lexed once (lark's basic lexer). Each sentence is then scanned token by token: from a token
that can start a pattern, tokens are fed to lark's LALR parser one at a time, and the longest prefix
the grammar accepts is the match (maximal munch, as a lexer does). The scan resumes after the match.
A pattern never crosses a sentence boundary, so whatever it links is in one clause of one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import LexerThread

GRAMMAR = Path(__file__).with_name("grammar.lark")
# Every named pattern (an alternative of ``finding``), in the grammar's order.
PATTERNS = ("count_total_pct", "pct_count_total", "of_total_count_pct", "of_total_pct_n", "count_pct_of_total",
            "count_pct", "count_verb_pct", "total_kind_pct", "pct_count", "pct_ci", "clause_ci", "k_of_n", "k_over_n",
            "pct_n", "pct_of_total", "pct_alone", "n_equals", "count_noun", "count_list", "pct_list", "count_verb",
            "estimate", "difference_estimate", "estimate_bare_ci", "unnamed_estimate", "rate_estimate",
            "rate_per_patient_year", "rate_per_100", "test_stat", "p_alone", "p_list", "median", "mean_sd",
            "mean_sd_list", "mean_arms", "pm_list", "rate_means")
# Sentence ends: . ! ? before a capital or an opening bracket, and a blank line. A decimal point is never
# followed by a space, so "p = .02. Then" ends after ".02".
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[])|\n\s*\n"
                           # "... in the study.There were": a full stop glued to the next sentence's first word
                           r"|(?<=[a-z)\]%][.!?])(?=[A-Z][a-z])")
# A Markdown heading, list item or table row is a sentence of its own.
_BLOCK_LINE = re.compile(r"^[ \t]*(?:#|\||[-*+] |\d+\. ).*$", re.MULTILINE)


@dataclass(frozen=True)
class Match:
    """One pattern found in the text: its name, its parse tree and the characters it spans."""

    pattern: str
    tree: Tree
    start: int
    end: int


class _KeepOther:
    """Keeps the terminals ``OTHER`` (any other character) and ``DECIMAL_COMMA``, which no rule uses: lark drops
    unused terminals."""

    always_accept = ("OTHER", "DECIMAL_COMMA")

    def process(self, stream):
        return stream


def _lark(source: str) -> Lark:
    return Lark(source, parser="lalr", lexer="basic", postlex=_KeepOther())


@cache
def parser() -> Lark:
    """The LALR parser of ``grammar.lark`` (built once per process)."""
    return _lark(GRAMMAR.read_text(encoding="utf-8"))


def conflicts(source: str | None = None) -> list[str]:
    """The conflicts lark reports while it builds the LALR tables of ``source`` (default ``grammar.lark``). Lark
    resolves a shift/reduce conflict as a shift and says so only in its log at level DEBUG (a warning with
    ``debug=True``, the same line): a pattern that shares a prefix with another may then never match, so the
    grammar must have none."""
    import io
    import logging

    from lark import logger

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        _lark(GRAMMAR.read_text(encoding="utf-8") if source is None else source)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return [line for line in stream.getvalue().splitlines() if "conflict" in line.lower()]


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order (the whitespace between them left out)."""
    cuts = {0, len(text)}
    for found in _SENTENCE_END.finditer(text):
        cuts.update((found.start(), found.end()))
    for line in _BLOCK_LINE.finditer(text):
        cuts.update((line.start(), line.end()))
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if text[a:b].strip()]


@cache
def _lexer():
    # Lark.lex builds a new lexer on each call (lark 1.3), most of the time of a short text: built once here.
    return parser()._build_lexer()


@lru_cache(maxsize=8)
def tokens(text: str) -> tuple[Token, ...]:
    """Every token of ``text`` (the basic lexer of the grammar), whitespace left out; remembered for the last
    few texts, which the scan and the inventory of numbers both lex."""
    return tuple(LexerThread.from_text(_lexer(), text).lex(None))


def _longest(tokens_: tuple[Token, ...], first: int) -> tuple[int, Tree] | None:
    """The longest run of ``tokens_`` from ``first`` that the grammar reads as one pattern: (end, tree)."""
    interactive = _start_state().copy()
    ends = []
    for index in range(first, len(tokens_)):
        token = tokens_[index]
        if token.type not in interactive.choices():
            break
        try:
            interactive.feed_token(token)
        except UnexpectedInput:
            break
        if "$END" in interactive.choices():
            ends.append(index + 1)
    # Parsed again from the start rather than copied mid-way: lark's copy of a parser state loses the
    # tokens' end positions.
    for end in reversed(ends):
        parsing = _start_state().copy()
        try:
            for token in tokens_[first:end]:
                parsing.feed_token(token)
            tree = parsing.feed_eof()
        except UnexpectedInput:  # an LALR lookahead that fails only after reducing
            continue
        if _words_fit(tree):
            return end, tree
    return None


def _words_fit(tree: Tree) -> bool:
    """Whether each list of values of ``tree`` closed by a word ("8 and 5 days, respectively") has "and" between
    its values and "respectively" last, and each further rate of a list ("0.11 (0.07-0.17) and 0.20 ...") follows
    "and". The lexer sees all of them as words, so the grammar cannot tell: a parse whose words differ is refused,
    and a shorter one tried ("scores 3.0 and 6.0 were 50.5 ..." is no list)."""
    for listed in tree.find_data("respectively"):
        tokens_ = [child for child in listed.children if isinstance(child, Token)]
        # a word right after the last value, before the closing comma, is the list's unit ("12.4 points")
        words = [str(token).lower() for index, token in enumerate(tokens_) if token.type == "WORD"
                 and not (index == len(tokens_) - 3 and tokens_[index - 1].type == "NUMBER")]
        if words[-1] != "respectively" or any(word != "and" for word in words[:-1]):
            return False
    return all(str(token).lower() == "and" for listed in tree.find_data("rate_more") for token in listed.children
               if isinstance(token, Token) and token.type == "WORD")


@cache
def _start_state():
    return parser().parse_interactive("")


def _hyphened_to_word(sentence: tuple[Token, ...], index: int) -> bool:
    """Whether the token at ``index`` is a number, or a dash before one, glued by a hyphen to the word before it
    ("year-3", "week-24": a time point or a name, which no pattern starts at)."""
    at = index - 1 if index and sentence[index - 1].type == "DASH" else index
    if at < 1 or at + 1 >= len(sentence) or sentence[at].type != "DASH" or sentence[at + 1].type != "NUMBER":
        return False
    word, dash, number = sentence[at - 1], sentence[at], sentence[at + 1]
    return word.end_pos == dash.start_pos and dash.end_pos == number.start_pos and str(word)[-1:].isalpha()


def scan(text: str, spans: list[tuple[int, int]] | None = None) -> list[Match]:
    """Every pattern of the grammar in ``text``, left to right, none overlapping another (``spans``: its
    :func:`sentences`, when the caller has them)."""
    lexed = tokens(text)
    starts = _start_state().choices()
    found = []
    position = 0
    for begin, end in spans if spans is not None else sentences(text):
        while position < len(lexed) and lexed[position].start_pos < begin:
            position += 1
        stop = position
        while stop < len(lexed) and lexed[stop].end_pos <= end:
            stop += 1
        sentence = lexed[position:stop]
        index = 0
        while index < len(sentence):
            opens = sentence[index].type in starts and not _hyphened_to_word(sentence, index)
            parsed = _longest(sentence, index) if opens else None
            if parsed is None:
                index += 1
                continue
            after, tree = parsed
            finding = tree.children[0].children[0]
            found.append(Match(finding.data, finding, sentence[index].start_pos, sentence[after - 1].end_pos))
            index = after
        position = stop
    return found
