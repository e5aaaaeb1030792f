"""From the patterns found in a text to typed rows (read) and the numbers left unread, each with its reason.

One builder per pattern of ``grammar.lark`` turns a match into rows of the values schema (``data/README.md``):
a count with its total, a percent of its count, a ratio with its CI and the p inside its parentheses, a
median with its range, and so on. Links are made only inside a match, that is inside one clause. Only a
statistic's name reaches further, within one sentence: an estimate printed without it ("were 0.29 (95% CI
...)") and a bare list of ARRs after the clause that names them take it where the sentence's words tie them
(:meth:`Reader._named_before`, :meth:`Reader.read_rate_lists`). Whatever a match holds that the schema cannot
hold yet, or that would be a guess, goes to the unread list with its reason; so does every number no pattern
reads.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fractions import Fraction

from lark import Token, Tree

from analysis.extract.grammar import Match, tokens

_WORD_NUMBERS = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {word: 10 * (i + 2) for i, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_COUNT_UNITS = {"patient": "patients", "participant": "participants", "relapse": "relapses", "infusion": "infusions",
                "center": "centers", "centre": "centers", "countries": "countries", "country": "countries",
                "episode": "episodes", "mice": "mice", "attack": "relapses", "individual": "participants",
                "subject": "participants", "adult": "participants", "child": "participants", "children": "participants",
                "case": "participants", "pregnancy": "episodes", "pregnancies": "episodes", "control": "participants",
                "volunteer": "participants", "flare": "relapses"}
_TESTS = {"t": "t", "F": "F", "z": "z", "r": "r", "χ2": "chi2", "χ²": "chi2", "chi2": "chi2", "chi-square": "chi2",
          "chi-squared": "chi2", "X2": "chi2"}
_RATIO_NAMES = (("standardized mortality", "smr"), ("standardised mortality", "smr"), ("standardized incidence", "sir"),
                ("standardised incidence", "sir"), ("incidence rate", "irr"), ("hazard", "hr"), ("odds", "or"),
                ("rate", "rr"), ("risk", "rr"), ("relative", "rr"), ("arr", "rr"), ("mean", "mean_ratio"))
DEFAULT_COUNT_UNIT = "patients"
NOT_SIGNIFICANT = "NS"  # the value of a p printed as NS or n.s. (data/README.md)
# Words between "median"/"mean" and the number that do not name the variable.
_CONNECTIVES = {"was", "were", "is", "are", "the", "a", "an", "of", "at", "overall"}
# Words that tie a statistic's name to the number after them across a few words ("HR for relapse was 0.44").
# Beyond this many words the number is too far from the name to be its value. The grammar's lead is
# unbounded (a bounded repetition multiplies the LALR tables: 45 s to build the parser at 6).
_MOST_LEAD_WORDS = 6
_TIES = {"was", "were", "is", "are", "of", "as", "from", "=", ":", ","}
_UNTIED = ("a number a few words after a statistic's name, not tied to it (by was, of, from, an equals sign, a colon "
           "or a comma)")
_UNNAMED = "an estimate with a CI whose statistic the clause does not name"
# words after an estimate and its unlabelled CI that end it as an item of a series ("... 2.31 (1.30 to 4.10) for C")
_SERIES_ITEM_ENDS = {"for", "in", "with", "among", "and", "or", "at", "on", "versus", "respectively", "compared"}
# "EDSS and ARR were 3.5 and 0.2": the ARR is a later subject of a plural verb; the first number is the EDSS's.
_AND_BEFORE = re.compile(r"\band\s+(?:the\s+)?$", re.IGNORECASE)
_LATER_SUBJECT = ("an ARR joined by \"and\" to a subject before it (\"EDSS and ARR were 3.5 and 0.2\"): which number "
                  "is its value would be a guess")
_PERCENT_AFTER = re.compile(r"\s?%")
# "ARR, 6-month confirmed progression": a number hyphened to its unit of time names a time point, never a value
_TIME_POINT_AFTER = re.compile(r"[-‐‑]\s?(?:days?|weeks?|months?|years?)(?![^\W\d_])", re.IGNORECASE)
# "median mRS at 3 months", "mean change at weeks 4, 8 and 12": a time point inside a summary's name
_TIME_PREPOSITION = r"\b(?:at|after|within|before|until|through|over|during|in)\s+"
_TIME_PREPOSITION_BEFORE = re.compile(_TIME_PREPOSITION + "$", re.IGNORECASE)
_DURATION_AFTER = re.compile(r"\s*(?:days?|weeks?|months?|years?)\b", re.IGNORECASE)
_TIME_WORD_BEFORE = re.compile(_TIME_PREPOSITION + r"(?:the\s+)?(?:days?|weeks?|months?|years?|visits?)\s+$",
                               re.IGNORECASE)
# "the median age of the 45 patients": a count of people inside a summary's name
_GROUP_OF_BEFORE = re.compile(r"\b(?:of|in|among|for)(?:\s+(?:the|these|those|all|our))?\s+$", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(r"\s+(?:[^\W\d_]+\s+)?(?:patients|participants|subjects|individuals|children|adults|"
                           r"people|persons|women|men|cases|controls)\b", re.IGNORECASE)
# "EDSS step (3/4/6)", "(25%/50%/75%)": three or more values parted by slashes, a list and no count of a total
_SLASH_LIST = re.compile(r"\s?%?\s?/\s?\d")
_SLASH_LIST_BEFORE = re.compile(r"\d\s?%?\s?/\s?$")
_SLASHED = "a list of values parted by slashes (\"3/4/6\", \"25%/50%/75%\"): which is which, the text pairs by position"
# "the median acuity was 20/100": a fraction after a summary's name, no value of it
_FRACTION_AFTER = re.compile(r"\s?/\s?\d")
_TIME_POINT = "a time point (\"6-month\", \"24-week\"), not the value of the statistic named before it"
# The stems of the verbs that raise or lower a value, shared by the patterns of a change below
_RAISE_OR_LOWER = r"reduc|lower|decreas|increas|rais|improv"
# "median serum 25-hydroxy vitamin D": a number hyphened to the word after it is a part of a name
_NAME_PART_AFTER = re.compile(r"[-‐‑][^\W\d_]")
# "reduced median survival by 1.9 months": the change of a summary, not its value
_BY_BEFORE = re.compile(r"\bby\s*$", re.IGNORECASE)
_CHANGE_VERB_BY = re.compile(r"\b(?:" + _RAISE_OR_LOWER + r"|shorten|lengthen|prolong|extend|delay|"
                             r"longer|shorter)"
                             r"[^\W\d_]*\b[^;]*\bby\s*$", re.IGNORECASE)
# "mean change from baseline", "mean reduction in weight": a mean named as a change, which may be signed
_CHANGE_NAMED = re.compile(r"\b(?:chang|" + _RAISE_OR_LOWER + r"|declin|worsen|gain|loss|shift)[^\W\d_]*",
                           re.IGNORECASE)
# "reduced the score by 1.7 (95% CI ...)", "greater in smokers, by 0.68 (95% CI ...)": a difference named by its verb
_DIFFERENCE_BY = re.compile(r"\b(?:" + _RAISE_OR_LOWER + r"|greater|higher|larger|smaller|less|more|fewer|differ)"
                            r"[^\W\d_]*\b[^;()\d]{0,120}?\bby\s*$", re.IGNORECASE)
_CHANGE_OF_SUMMARY = "a change of a summary (\"reduced median survival by 1.9 months\"), not its value"
_NAME_PART = "a part of a name (\"25-hydroxy vitamin D\", \"9-hole peg test\"), not the value of the summary"
# "risk difference 12.4% (2.9-21.9)", "difference (95% CI): 12.4% (...)", "Δ32.3%": a difference named as one just
# before its percent (never a reduction or a relative difference: "reduced by 53% (95% CI 0.36-0.62)" prints the
# CI of a ratio)
_DIFFERENCE_NAMED_BEFORE = re.compile(r"(?:(?<!relative )\bdifferences?|Δ|\b(?-i:RD|ARD))\s*(?:of|was|is|=|:|,)?\s*$",
                                      re.IGNORECASE)
# The bracket a percent opens, or that holds before it only other percents of kinds ("(69.1% female, 50.5% ")
_SAMPLE_BRACKET_OPENED = re.compile(r"[(\[](?:\s*\d+(?:[.·]\d+)?\s?%\s*[^\W\d_][^,;()\[\]%]{0,40}[,;])*\s*$")
# "69.1% female": a kind after the percent, never "of" (another total), a comparison or a CI
_KIND_AFTER = re.compile(r"\s+(?!(?:of|vs|versus|and|or|to|in|CI|confidence)\b)[^\W\d_]", re.IGNORECASE)
# Between a count of people and the bracket that describes them: their noun, and the verb that took them in
_SAMPLE_NOUN_GAP = re.compile(r"\s+(?:[^\W\d_][\w-]*\s+){0,2}?(?:patients|participants|women|people|subjects|"
                              r"individuals|children|adults|persons)(?:\s+(?:were|was|had\s+been)\s+(?:enrolled|"
                              r"included|randomi[sz]ed|recruited|analy[sz]ed|identified|studied|evaluated))?\s*",
                              re.IGNORECASE)
# "58 women and 20 men": a count after another count and a list's word
_LISTED_BEFORE = re.compile(r"\d[^.;()\[\]]{0,40}?(?:\band|\bor|\bvs\.?|\bversus|,)\s*$", re.IGNORECASE)
_CHANGE_IN_PERCENT = "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a total"
_PERCENT_NOT_RATIO = ("a percent after a ratio's or a rate's name (a relative change, \"RR reduction 35%\"), not the "
                      "ratio or the rate itself")
# "difference 19.8%", "absolute risk reduction of 4.9%": a difference or change in percentage points (or a
# relative change), not a share of a total; typed a percent, its CI would be checked as a binomial CI.
# ("risk reductions in 3M-CDP and 6M-CDP were 77.2%": the name's words may start with a digit)
_DIFFERENCE_BEFORE = re.compile(r"(?:\b(?:differences?|reductions?|increases?|decreases?|changes?)"
                                r"(?:\s+(?:in|of)\s+[^\W_][\w‐-]*(?:\s+[^\W_][\w‐-]*){0,2})?"
                                # "risk difference [RD] 30.3%", "(RD 3.1%, 95% CI ...)": a named abbreviation
                                r"(?:\s*[(\[](?:RD|ARD|ARI|RRR)[)\]])?|(?-i:\b(?:RD|ARD|ARI|RRR)))"
                                r"\s*(?:of|was|were|is|by|=|:|,)?\s*$", re.IGNORECASE)
# "Median percent reductions in seizure frequency were 34.8% vs 49.8%": a relative change named anywhere before in
# the clause (a semicolon outside brackets ends it: "percent reduction (46 vs. -12%); responders (47 vs. 10%)")
_PERCENT_CHANGE_NAMED = re.compile(r"\b(?:percent(?:age)?|relative)\s+(?:reductions?|"
                                   r"changes?|decreases?|increases?|improvements?|declines?)\b", re.IGNORECASE)
# "by 85.8% and 53.4% ..., compared with 81.9% and 52.6%": a percent that goes on from a relative change of its
# sentence after a comparison's words (never a bracket: "an 88% improvement in CDI (9.6% vs 5.1%" prints shares)
_CHANGE_GOES_ON = re.compile(r"\b(?:compared\s+(?:with|to)|versus|vs\.?|against|than)\s*$", re.IGNORECASE)
# (after the label of the item before: "difference 15.3%, trial A; 16.9%, trial B", "of 64.6% in the first year,
# 79.7% in the second"; never after an object, "12.5% a worsening and 62.5% an improvement", shares of patients)
_NEXT_OF_LIST = re.compile(r"\s?%\s*(?:(?:,|and|or|/)\s*|,?\s*(?!an?\s)[^\W\d_][\w-]*(?:\s+[\w-]+){0,5}\s*"
                           r"(?:[;,]|and|or)\s*)", re.IGNORECASE)
# "0.288% per year": a rate of change in percent per unit of time, not a share
_PER_TIME_AFTER = re.compile(r"\s?%\s*(?:per|/|a|each)\s*(?:years?|yr|annum|months?|weeks?|days?)\b", re.IGNORECASE)
# "reduced the risk of CDP by 22%", "declined 28.7%": a verb of change just before the percent, or earlier in its
# clause before "by" (never "to" or "from": "rose from 20% to 45%" prints two shares)
_CHANGE_VERB_BEFORE = re.compile(r"\b(?:" + _RAISE_OR_LOWER + r"|declin|diminish|fell|falls?\b|"
                                 r"falling|dropp?|rose|rises?\b|rising|risen|grew|grow|cut)[^\W\d_]*"
                                 r"(?:[^;]{0,200}?\bby)?(?:\s*\d+(?:[.·]\d+)?\s?%\s*(?:/|,|and|or))*\s*$",
                                 re.IGNORECASE)
# "was reached by 45% of patients": "by" names who reached it, and the percent is their share
_SHARE_OF_PEOPLE_AFTER = re.compile(r"\s?%\s+of\s+(?:the\s+|all\s+)?(?:[^\W\d_]+\s+){0,2}?(?:patients|participants|"
                                    r"subjects|people|women|men|children|cases)\b", re.IGNORECASE)
# "reduced the annualised rate of new lesions (52.6%, p<0.001)": a percent opening the bracket after a verb of change
# and its object, not after a share's name ("increased the proportion of patients with NEPAD (9.4% vs 29.9%") nor
# after an adjective ("with increased disability (45%)"); "vs" after it makes it one of two groups' shares
_CHANGE_OBJECT_BEFORE = re.compile(r"\b(?:" + _RAISE_OR_LOWER + r"|cut)[^\W\d_]*\s+(?:the|a|an)\s+"
                                   r"(?!(?:proportions?|percentages?|shares?|numbers?|rates?|frequency|likelihood|"
                                   r"odds|chances?)\b)[^;()\[\]]{0,200}?[(\[]\s*$", re.IGNORECASE)
_VS_AFTER = re.compile(r"\s?%\s*(?:vs\.?|versus)\s", re.IGNORECASE)
# "21% and 26% reductions", "[32.7% increase]", "a 30% lower risk", "19% risk reduction", "a 6% (5-6%) dip": the
# noun or comparative after the percents
_CHANGE_AFTER = re.compile(r"(?:\s*(?:,|and|or|to|/)\s*\d+(?:[.·]\d+)?\s?%)*\s*(?:relative\s+)?"
                           # "a 50% seizure reduction": one noun may name what changes (no verb: "20% had ...")
                           r"(?:(?!(?:had|has|have|showed|shows|with|of|in|were|was|are|is|reached|achieved|an?|the)\b)"
                           r"(?![^\W\d_]*ed\b)[^\W\d_]+\s+)?(?:reductions?|increases?|decreases?|declines?|drops?|"
                           r"dips?|falls?|rises?|gains?|losses?|improvements?|lower|higher|greater|more|less|fewer|"
                           r"smaller|larger|differences?|"
                           # "a 39% increased likelihood": an adjective of change before what it changes
                           r"(?:increased|decreased|reduced|elevated)\s+(?:risk|odds|likelihood|hazard|chances?|"
                           r"probability|incidence|rates?))(?![^\W\d_])", re.IGNORECASE)
# After a mean read alone: a spread in a form no pattern reads ("5.0 ± -1.0", "5.0 (SE 0.4)", "50 years (standard
# deviation (SD) 12)"), the second of a pair ("138.1/81.9 mm Hg") or the rest of its value ("8 years and 9 months").
_SPREAD_AFTER = re.compile(r"\s*(?:±|\+/-|\+-|[(\[]\s*(?:SE|SEM|s\.e\.|SD|standard)\b|/\s*\d|(?:and\s+)?\d+\s+"
                           r"(?:months?|weeks?|days?)\b)", re.IGNORECASE)
_MEDIAN_BEFORE = re.compile(r"\bmedian\s+$", re.IGNORECASE)
_MEDIAN_SLASH_BEFORE = re.compile(r"\bmedian\s*/\s*$", re.IGNORECASE)
_DIFFERENCE_NAME = re.compile(r"\bdifferences?\b", re.IGNORECASE)
# Units whose values are never negative: durations, rates and counts (a summary of counts included)
_NOT_NEGATIVE_UNITS = {"days", "weeks", "months", "years", "patient_years", "per_patient_year", "per_100_patient_years",
                       "per_1000_patient_years", "patients", "participants", "mice", "relapses", "infusions",
                       "countries", "centers", "episodes"}
# The schema's comparators of a p: "p ≤ 0.05" is read as "p < 0.05", a bound either way
_P_COMPARATORS = {"≤": "<", "<=": "<", "≥": ">", ">=": ">", "⩽": "<", "⩾": ">", "≦": "<", "≧": ">", "<or=": "<",
                  ">or=": ">"}
# "significance was set at p-value < 0.05", "a p < 0.05 was considered significant": the level, not a result
_THRESHOLD_BEFORE = re.compile(r"\b(?:significan(?:ce|t)|alpha|α)\b[^.;()]{0,20}?\b(?:set|defined|considered|taken|"
                               r"accepted|level)\b[^.;()]{0,25}$|\b(?:significance\s+)?(?:level|threshold)\s+(?:of|at|was)"
                               r"[^.;()]{0,12}$", re.IGNORECASE)
# "(p<0.05 considered statistically significant)": the level named after the p
_THRESHOLD_AFTER = re.compile(r"\s*,?\s*(?:(?:was|were|is|being)\s+)?(?:considered|defined|taken|accepted|regarded|"
                              r"deemed|set)\b|\s*,?\s*(?:indicat|denot)[^\W\d_]*\s+(?:statistical\s+)?significan",
                              re.IGNORECASE)
_P_OUTSIDE = "a p outside 0 to 1: the schema refuses it; check it by hand"
_NEGATIVE_RATE = "a negative rate: no count of events over time gives it; check it by hand"
_MEDIAN_RATE = ("a median of the patients' own ARRs (\"median ARR 0.3\"): not events over exposure, so no rate "
                "check applies, and the schema has no row for it")
# Between two means of a list: a few words naming the next item's group, never a verb of a clause of its own
_MOST_LIST_GAP_WORDS = 6
# A spread named a standard error ("mean (±SE)", "± SEM", "standard error") or a standard deviation
_SE_NAMED = re.compile(r"(?:±|\+/-)\s*(?:SE|SEM)\b|\((?:±\s*)?(?:SE|SEM)\)|\bSEM\b|(?i:standard errors?)")
_SD_NAMED = re.compile(r"\bSD\b|(?i:standard deviations?)")
# Words that name no variable before a bare "a ± b": ties, verbs of change, prepositions, determiners
_NOT_A_NAME = {"was", "were", "is", "are", "of", "from", "to", "in", "at", "the", "a", "an", "and", "with", "for",
               "decreased", "increased", "changed", "fell", "rose", "improved", "declined", "reduced", "than", "vs",
               "versus", "by", "on", "after", "before", "during", "respectively", "group", "groups", "arm", "arms"}
_VERB_IN_GAP = re.compile(r"\b(?:was|were|is|are|had|has|have|showed|increased|decreased|changed|fell|rose|declined|"
                          r"improved|worsened|remained|dropped)\b", re.IGNORECASE)
# Tokens that may lie between a statistic's name and an estimate that takes it from earlier in the sentence.
_GAP_TOKENS = ("WORD", "OF", "OUT_OF", "TO", "VS", "COUNT_NOUN", "DURATION", "COMMA", "LPAR", "RPAR", "OTHER", "SLASH")
_MOST_NAMED_LEAD_WORDS = 15
_WORD_TOKENS = ("WORD", "OF", "OUT_OF", "TO", "VS", "COUNT_NOUN", "DURATION")
_FIRST_TIES = {"was", "were", "is", "are", "of", "from", ":", "="}
_SERIES_TIES = {"and", "vs", "vs.", "versus", "to", ","}
# Words after a decimal of a list of ARRs that leave it a number alone: a preposition, never a unit
_BARE_AFTER = {"and", "at", "in", "with", "on", "for", "after", "before", "during", "throughout", "over", "within"}
# A year of the 1900s or 2000s ("in 2019"): never a count.
YEAR = re.compile(r"(?:19|20)\d\d")
# After "3 randomized": the trials themselves are counted ("3 randomized controlled trials"), not patients
_TRIALS_AFTER = re.compile(r"(?:\s+(?:controlled|clinical|double[- ]blind(?:ed)?|placebo[- ]controlled|phase))*"
                           r"\s+(?:trials?|studies|study|RCTs?)\b", re.IGNORECASE)
_POWERS_OF_TEN = {"100", "1000", "10000", "100000", "1000000"}
_PER_BEFORE = re.compile(r"\bper\s*$", re.IGNORECASE)
# After "85 in": the arm or group it counts ("the EVT group", "the low-dose arm"), at most three words naming it
_ARM_AFTER = re.compile(r"\s+the(?:\s+[\w+-]+){1,3}?\s+(?:group|arm|cohort)\b", re.IGNORECASE)
# What a year follows: a preposition of time, or another year and "and", "to" or a dash ("between 1989 and 2011")
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|since|until|till|by|from|between|during|before|after)|\b(?:19|20)\d\d\s*"
                          r"(?:and|to|[-–—]))\s*$", re.IGNORECASE)
# A unit of dose right after a number: "450 mg" is how much of a drug, not how many of anything.
DOSE = re.compile(r"^\s*(?:mg|g|mcg|µg|μg|ml|mL|IU|units?)(?:/(?:kg|m2|m²|day|d))?(?![^\W\d_])")
# Words that, between a number and its noun, make the number something other than a count of that noun.
_NOT_A_KIND = {"or", "more", "fewer", "less", "than", "times", "per", "least", "most", "and", "to", "of", "at", "with",
               "in", "on", "for", "from", "by", "every", "each"}
# "53 were positive (7.8%)": verbs that make the number before them a count and the percent after them its share;
# so do the words for people by sex ("33 women [56%]").
_VERBS_OF_A_COUNT = {"were", "was", "had", "remained", "became", "developed", "achieved", "reached", "relapsed",
                     "died", "discontinued", "completed", "women", "men", "female", "females", "male", "males"}
_LARGER_NUMBER = ("a part of a number in words past nine hundred and ninety-nine: the extraction reads one to 999 in "
                  "words; check it by hand")
# "1,253 discontinued", "74 randomized": verbs whose subject, a number alone, is a count of patients ("were", "had"
# say too little: "2100 were seen" may count anything).
_VERBS_OF_PATIENTS = {"randomized", "randomised", "enrolled", "included", "received", "experienced", "withdrew",
                      "relapsed", "died", "discontinued", "completed", "developed", "emigrated", "responded",
                      "recovered", "underwent", "switched", "converted", "survived", "participated", "consented",
                      "entered", "remained", "treated", "allocated", "assigned", "excluded", "screened", "evaluated",
                      "improved", "worsened", "progressed"}
# Words that open a clause of its own between two counts: "none in group 1 while four patients relapsed".
_CLAUSE_WORDS = {"while", "whereas", "but", "although"}
# A clause opens just before a number: "..., 1922 were early", "...; 12 had", "... and 26 were", "which 5208 were".
_CLAUSE_OPENS = re.compile(r"(?:[,;:]|\band|\bwhile|\bwhich|\bwhom)\s*$", re.IGNORECASE)
CARRIED_OVER = ("ambiguous link: the total this count and percent refer to is carried over from an earlier sentence, "
                "or is one of several groups counted before it")
_BEFORE_CARRIED = re.compile(r"\b(?:of|among|in)\s+(?:these|them|those|whom|which)\s*,?\s*$", re.IGNORECASE)
_BOUND_WORDS = (r"(?:at least|at most|more than|fewer than|less than|greater than|over|under|up to|above|below|"
                r"exceeding|(?:less|greater|more|fewer) than or equal to|[<>]or=|[<>]=|[≥≤<>⩽⩾≦≧])")
_BOUND_BEFORE = re.compile(_BOUND_WORDS + r"\s*$", re.IGNORECASE)
# "at least 10%, 15%, 20%, and 25%": the bound holds for every percent of its list, which goes on after the number
# or ends at it with "and"/"or" (never "≥50%, 45.6%; ≥75%, 33.3%", where each bound labels the share after it)
_BOUND_LIST_BEFORE = re.compile(_BOUND_WORDS + r"(?:\s*\d+(?:[.·]\d+)?\s?%\s*(?:,\s*(?P<last>and|or)?|"
                                r"(?P<alone>and|or)))+\s*$", re.IGNORECASE)
_LIST_GOES_ON_AFTER = re.compile(r"\s?%\s*(?:,\s*(?:and|or)?|and|or)\s*\d+(?:[.·]\d+)?\s?%")
# "at least two relapses within 1 year or three within 2 years": a bound that holds for the alternative after "or"
# too, within the clause. "each patient was matched with 10 individuals": a matching ratio, a design fact (without
# "each", "297 patients were matched with 811 patients" counts the matched group).
_BOUND_ALTERNATIVE_BEFORE = re.compile(r"\b(?:at least|at most|more than|fewer than|less than)\b[^;:()]{0,80}?\bor\s*$",
                                       re.IGNORECASE)
_MATCHED_BEFORE = re.compile(r"\beach\b[^.;]{0,80}?\bmatched\s+(?:with|to)\s*$", re.IGNORECASE)
# "a score of 50% or greater": a threshold named after the number; "50% and 75% responder rates": the threshold
# that names who responded
_BOUND_AFTER = re.compile(r"(?:\s*%?\s*(?:,\s*(?:and|or)?|and|or)\s*\d+(?:[.·]\d+)?)*\s*%?\s*(?:or\s+(?:greater|more|"
                          r"higher|above|over|less|lower|below|fewer|under)\b|respon(?:ders?|ses?)\b)", re.IGNORECASE)
# "a 59.4% response rate": a percent with decimals is the rate itself, never a threshold ("a 50% response rate",
# "the 50% response rate was 40%")
_RESPONSE_RATE_AFTER = re.compile(r"\s?%\s*responses?\s+rates?\b(?!\s*(?:was|were|of|:|=)\s*\d)", re.IGNORECASE)
# "a phase 3 trial", "Cohort 1 participants", "grade 3 (12%)": a number naming a phase, group or grade; a
# group's noun after a determiner ("in this cohort 13 of 26") is the subject before a count, not a label.
_DETERMINERS = "".join(f"(?<!{word} )" for word in ("this", "the", "that", "each", "every", "our", "same", "either"))
_LABEL_BEFORE = re.compile(r"(?<![^\W\d_])(?:(?:phase|grade|stage|type|class|step|wave|visit|level|line|tier|round|"
                           r"cycle|session|period|version|figure|table|item|model|no\.|number|"
                           # "progression to EDSS 4 among cases", "onset prior to age 40", "after gw 30", "week 24"
                           r"EDSS|age|aged|gw|week|month|"
                           # "IGA 0/1", "(IGA) score of 0/1", "(EDSS) 6, and 69%": a category of a score's scale
                           r"(?:v?IGA|PGA|mRS|NIHSS|EASI|PASI)[)\]]?(?:\s+scores?(?:\s+of)?)?)[)\]]?|"
                           + _DETERMINERS + r"(?:cohort|group|arm|part|study|trial))\s*$", re.IGNORECASE)
_LABEL = "a design fact or label (a phase, time point, grade or name)"
# The patterns that open with a count of their own, or a list or pair of numbers (a label before them names the
# first number instead: "phase 2/3", "IGA 0/1")
_COUNT_PATTERNS = ("count_noun", "count_verb", "count_pct", "count_verb_pct", "k_over_n", "count_total_pct", "pct_list")
# "about 30%", "nearly 50% (19/40)": a rounded figure on purpose, so its digits cannot be checked.
_APPROXIMATE_BEFORE = re.compile(r"(?:\b(?:about|approximately|approx\.|around|almost|nearly|roughly|some)|[~≈∼])\s*$",
                                 re.IGNORECASE)
# "Snellen equivalent of 20/20", "visual acuity 6/12": a test distance (20 feet, 6 metres) over a line of the chart,
# after a word of vision earlier in the sentence, with no percent and no noun of its own ("20/35 patients (57%)").
_SNELLEN_DISTANCES = {"20", "6"}
_VISION_BEFORE = re.compile(r"\b(?:snellen|acuity|acuities|vision|visual|logmar|eyes?)\b|\bB?C?VA(?![^\W\d_])",
                            re.IGNORECASE)
# "20/40 or better VA", "20/200 vision": the chart's line named just after the fraction
_VISION_AFTER = re.compile(r"\s*(?:or\s+(?:better|worse|above|below)|snellen|VA|BCVA|vision|visual|acuity)\b",
                           re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s*(?:patients?|participants?|subjects?|individuals?|cases?|eyes?|children|adults?)\b",
                         re.IGNORECASE)
# "96% of these patients were free from relapses (Kaplan-Meier analysis; 95% CI ...)": the most words, and
# nothing but words, that may lie between a percent and a bracketed CI for the CI to be the percent's.
_CLAUSE_CI_WORDS = 12
_WORDS_ONLY = re.compile(r"\s*(?:[^\W\d_]+(?:['’-][^\W\d_]+)*\s*)+")
_LEVEL = re.compile(r"\d{2}(?:[.·]\d+)?")
_CREDIBLE = re.compile(r"CrI|credible", re.IGNORECASE)
# "(, , 95% -5.44)": a level after a comma or bracket and before a signed bound, the CI's label lost
_MARK_BEFORE_A_LEVEL = re.compile(r"[,(\[]\s*$")
_BOUND_AFTER_A_LEVEL = re.compile(r"\s+[−-]\s?\d")
_FIRST_END = "the first end of a range, not one number"
_PERCENT_RANGE_AFTER = re.compile(r"\s*[-–—]\s*[\d.·]+\s?%")  # "(90%-100%)": a range of percents
_RANGE_AFTER = re.compile(r"\s*(?:[-–—]|to\s)\s*[−-]?[\d.·]")
# "2.9–8.1 %" after a label no pattern reads, "1–1.5% of cells": the number ends a range whose first end is just before
_RANGE_BEFORE = re.compile(r"\d\s?%?\s?[-–—]\s?$")  # "45-50", "6.7%—19.8%"
# "HbA1c 7.0 to 9.5%": a percent after "to" and a number printed without one (but "from 20 to 45%" prints two)
_TO_RANGE_BEFORE = re.compile(r"(?<!\bfrom\s)(?<![\d.,·])\d+(?:[.·]\d+)?\s+to\s*$", re.IGNORECASE)
# "mean coverage over the 4 distributions", "mean relapses in the 24 months before": a number after a determiner
# inside a mean's name counts what the name is about; the mean's value comes later
# "of the 125 patients", "Of these 40 patients": the words that may stand between "of" and a total
_TOTAL_DETERMINERS = {"the", "these", "those", "all", "our"}
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|its|their|each|all)\s+$", re.IGNORECASE)
# A percent right after an interval's label, or its SD's: a bound of a CI whose estimate is not read with it
# ("13.5% lower (95% CI 6.7%-19.8%)"), the second bound after it ("95% CI 1.2% to 8.6%"), or a spread
_CI_LABEL = r"(?:\b(?:CI|IC|CrI)|confidence\s?(?:intervals?|limits?))\s*[:,=]?\s*"
_CI_BOUND_BEFORE = re.compile(_CI_LABEL + r"(?:[-−–]\s*)?(?:\d+(?:[.·]\d+)?\s?%?\s*(?:to|[-–—,])\s*)?$", re.IGNORECASE)
_SPREAD_LABEL_BEFORE = re.compile(r"(?:\b(?:SD|SE|SEM)|s\.[de]\.|standard (?:deviation|error))\s*[:,=]?\s*$",
                                  re.IGNORECASE)
# "1.48 points lower", "2 days longer": a difference between groups, not the value of the summary named before
_COMPARATIVE_AFTER = re.compile(r"\s*(?:[^\W\d_]+\s+)?(?:lower|higher|greater|less|more|fewer|smaller|larger|shorter|"
                                r"longer)(?![^\W\d_])", re.IGNORECASE)
# A whole number, not a decimal or a percent ("6.0" and "63.5%" name no group)
_WHOLE_NUMBER = re.compile(r"(?<![\d.,·])\d+(?:,\d{3})*(?![\d.,·]*\d)(?!\s?%)")
# "Of 120 patients, 70 (58%) were women and 50 (42%) were men": between two parts of one total, the closing bracket
# of the first part and a few words, with no number, bracket or semicolon; none of them naming another group
_NEXT_PART_GAP = re.compile(r"\s?%?\s*[)\]](?:\s*,?\s*[^\W\d_][\w'-]*){1,6}\s*,?\s*")
_OTHER_GROUP_WORD = re.compile(r"\b(?:of|among|within|whom|them|these|those|which|who|respectively|while|whereas|"
                               r"but)\b", re.IGNORECASE)
_OF_GROUP_AFTER = re.compile(r"\s*(?:of|among|in|within)\b", re.IGNORECASE)
_AFTER_CARRIED = re.compile(r"^\s*(?:of|among)\s+(?:whom|these|them|those|which)\b", re.IGNORECASE)
# "−12.5% (−20.1%, −4.9%)", "(-40% vs baseline)", "(: –0.27%": a sign (an en dash too) glued to the number, after a
# space that follows no number (else "10 -12" is a range), a bracket, a punctuation mark or the sentence's start
_SIGN_BEFORE = re.compile(r"(?:^|[(\[;:,=]|(?<![\d%])\s)[−+\-–]$")
# "... EDSS 6 was 20 years", "... EDSS scores 4.0 and 6.0 were 60.7 and 64.3": a tie and a number after a
# summary's number (and the numbers listed with it), which was part of its name
_VALUE_TIED_AFTER = re.compile(r"(?:\s*(?:,|and|or)\s*\d+(?:[.·]\d+)?)*\s*(?:was|were|is|are|=|:)\s*[−-]?\d",
                               re.IGNORECASE)
# "a 12% (6) reduction", "an 18% lower risk": an article before a percent makes it a relative change
_RELATIVE_CHANGE_BEFORE = re.compile(r"\ban?\s+$", re.IGNORECASE)
# "Two thousand and sixteen patients": the words after "thousand" are the end of a larger number, not the number
# (hundreds are read whole, "Two hundred and sixteen")
_LARGER_IN_WORDS = re.compile(r"\b(?:thousand|million)(?:\s+and)?[\s-]*$", re.IGNORECASE)
_LARGER_AFTER = re.compile(r"[\s-]*(?:hundred|thousand|million)\b", re.IGNORECASE)


def _out_of_bounds(row: Row) -> str | None:
    """Why ``row`` cannot stand as read, or None: a negative duration, rate or count (a change or a difference
    that the pattern took for a summary; a difference row, "mean difference −2.5 days", may be negative). CI bounds
    in reverse order never reach a row: :meth:`Reader._interval`, which every CI is read through, refuses them."""
    if row.statistic != "difference" and row.unit in _NOT_NEGATIVE_UNITS and row.printed.number < 0:
        return "a negative duration, rate or count (a change or a difference): check it by hand"
    return None


def _name_before(before: str) -> str:
    """The snake_case name of what a bare "a ± b" measures: up to three words just before it in its clause (after
    the last comma, semicolon or opening bracket), ties and verbs left out ("age 46.6 ± 11.8" is age); empty when
    none is left ("was 5.2 ± 2.25", "(0.12 ± 0.39 vs ...")."""
    clause = re.split(r"[,;:(\[]", before)[-1]
    words = [w.lower() for w in re.findall(r"[^\W\d_][\w-]*", clause)]
    named = [w for w in words[-4:] if w not in _NOT_A_NAME][-3:]
    return re.sub(r"[^a-z0-9]+", "_", " ".join(named)).strip("_")


def _without_brackets(text: str) -> str:
    """``text`` with every closed bracket and what it holds left out, innermost first ("reduced X by 31% (A/B;
    p<0.001) and Y by" keeps its clause: the semicolon inside the bracket ends none)."""
    while True:
        shorter = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", text)
        if shorter == text:
            return text
        text = shorter


def _opened_by_change(text: str) -> bool:
    """Whether ``text`` (a sentence up to a number) ends inside a bracket that opens with a relative change's name
    ("[percent reduction: month 12, 61.4% (...); month 24, 40.2%": the name labels every value of its bracket)."""
    closed = _without_brackets(text)
    opening = max(closed.rfind("("), closed.rfind("["))
    return opening >= 0 and bool(_PERCENT_CHANGE_NAMED.match(closed, opening + 1))


def _level(label: str) -> str:
    """The level a CI label prints ("95" of "95% CI"); a bare "CI" means a 95% CI, as in clinical abstracts."""
    level = _LEVEL.search(label)
    return level.group() if level else "95"


def _halfway_at(bound: Printed, decimals: int) -> bool:
    """Whether ``bound``, printed with more than ``decimals`` decimals, ends in a 5 just after them
    ("0.25", "0.650" at one decimal): rounded there, it could go either way."""
    digits = bound.value.split(".")[1]
    return digits[decimals] == "5" and not digits[decimals + 1:].strip("0")


@dataclass(frozen=True)
class Printed:
    """A number as printed: ``text`` (the characters), ``value`` (as printed, with ``.`` for the decimal
    point, ``-`` for a minus and no thousands separators), ``decimals``, and its characters in the text."""

    text: str
    value: str
    decimals: int
    start: int
    end: int

    @classmethod
    def of(cls, tokens: list[Token]) -> Printed:
        """The number printed by ``tokens``: a NUMBER or WORDNUM, after an optional minus sign."""
        number = tokens[-1]
        sign = "-" if len(tokens) > 1 else ""
        if number.type == "WORDNUM":
            return cls(str(number), str(words_to_number(str(number))), 0, number.start_pos, number.end_pos)
        digits = re.sub(r"[,\s]", "", str(number)).replace("·", ".")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        return cls(str(number), sign + digits, decimals, tokens[0].start_pos, number.end_pos)

    @property
    def number(self) -> float:
        return float(self.value)


@dataclass
class Row:
    """One row of the draft values file (``quantity`` is given when the file is written)."""

    prefix: str
    statistic: str
    printed: Printed
    unit: str
    pattern: str
    sentence: tuple[int, int]
    comparator: str = "="
    ci: tuple[Printed, Printed] | None = None
    denominator: Row | None = None
    of: Row | None = None
    variable: str | None = None
    df: str | None = None
    df_printed: list[Printed] = field(default_factory=list)

    @property
    def held(self) -> list[Printed]:
        """Every printed number this row holds: its value, its CI bounds, its degrees of freedom."""
        return [self.printed, *(self.ci or ()), *self.df_printed]


@dataclass(frozen=True)
class Unread:
    """A printed number not read into a row, and why."""

    printed: Printed
    reason: str


def words_to_number(word: str) -> int:
    """A number spelled in words, one to nine hundred and ninety-nine ("Seventy-one" is 71, "Three hundred
    fifty-five" 355)."""
    hundreds, _, rest = re.sub(r"\s+and\s+", " ", word.lower()).partition("hundred")
    if rest or hundreds != word.lower():
        rest = rest.strip(" -")
        return 100 * _WORD_NUMBERS[hundreds.strip(" -")] + (words_to_number(rest) if rest else 0)
    parts = re.split(r"[-‐‑–]", word.lower())
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_WORD_NUMBERS[parts[1]] if len(parts) > 1 else 0)
    return _WORD_NUMBERS[parts[0]]


def _compound_subject(sentence: list[Token]) -> bool:
    """Whether an "ARR" of ``sentence`` is joined by "and" to another subject of the same verb before any value
    ("The ARR and the EDSS at 2 years were ...")."""
    for index, token in enumerate(sentence):
        if token.type != "ARR":
            continue
        joined = False
        for this, after in zip(sentence[index + 1:], sentence[index + 2:]):
            if this.type == "NUMBER" and not _is_label(this):
                break  # a value: the verb of the subject is behind
            if str(this).lower() == "and" and after.type not in ("NUMBER", "WORDNUM"):
                joined = True  # "and the EDSS", not "years 1 and 2"
            elif joined and str(this).lower() in ("was", "were", "is", "are"):
                return True
    return False


def _is_label(token: Token) -> bool:
    """Whether a number is a whole number, which may label a time or a group ("at 2 years", "in trial 1")."""
    return not any(mark in str(token) for mark in ".·")


def _ratio_prefix(name: str) -> str:
    """The quantity prefix of a ratio named ``name`` ("hazard ratios" is hr, "aHR" is hr)."""
    prefix = next((short for long, short in _RATIO_NAMES if long in name.lower()), None)
    return prefix or name.lower().lstrip("a").rstrip("s")


def _tokens(tree: Tree | Token) -> list[Token]:
    """The tokens of ``tree``, left to right."""
    if isinstance(tree, Token):
        return [tree]
    return [token for child in tree.children for token in _tokens(child)]


def _numbers(tree: Tree) -> list[Printed]:
    """The printed numbers of ``tree`` in order, a sign joined to its number."""
    found, pending = [], []
    for token in _tokens(tree):
        if token.type in ("MINUS", "DASH") and _is_sign(tree, token):
            pending = [token]
        elif token.type in ("NUMBER", "WORDNUM"):
            found.append(Printed.of([*pending, token]))
            pending = []
    return found


def _is_sign(tree: Tree, token: Token) -> bool:
    return any(len(signed.children) == 2 and signed.children[0] is token for signed in tree.find_data("signed"))


def _first(tree: Tree, data: str) -> Tree | None:
    return next(tree.find_data(data), None)


def _child(tree: Tree, data: str) -> Tree:
    return next(c for c in tree.children if isinstance(c, Tree) and c.data == data)


def _token_text(tree: Tree, kind: str) -> str | None:
    return next((str(t) for t in _tokens(tree) if t.type == kind), None)


def _percent_interval(percent: Printed) -> tuple[Fraction, Fraction]:
    """The values that print as ``percent`` (either rounding rule: the closed interval)."""
    half = Fraction(1, 2 * 10 ** percent.decimals)
    return Fraction(percent.value) - half, Fraction(percent.value) + half


def _is_share_of(percent: Printed, total: Printed) -> bool:
    """Whether some whole count k of ``total`` gives 100 k / total printed as ``percent``."""
    low, high = _percent_interval(percent)
    n = int(total.number)
    return n > 0 and math.floor(high * n / 100) >= math.ceil(low * n / 100)


def _could_be_count(percent: Printed, count: Printed) -> bool:
    """Whether ``count`` is a whole count whose share of some total N >= count prints as ``percent``."""
    low, high = _percent_interval(percent)
    k = int(count.number)
    if k == 0 or low <= 0:
        return low <= 0
    smallest, largest = max(Fraction(100 * k) / high, Fraction(k)), Fraction(100 * k) / low
    return math.ceil(smallest) <= largest


def _count_unit(noun: str | None) -> str:
    if noun is None:
        return DEFAULT_COUNT_UNIT
    noun = noun.lower()
    return _COUNT_UNITS.get(noun, _COUNT_UNITS.get(noun.rstrip("s"), DEFAULT_COUNT_UNIT))


def _unit(tree: Tree | None) -> str | None:
    """The unit a ``unit`` subtree names (a count unit or a duration), or None."""
    if tree is None:
        return None
    token = tree.children[0]
    if token.type == "COUNT_NOUN":
        return _count_unit(str(token))
    word = str(token).lower()
    return word if word.endswith("s") else word + "s"


class Reader:
    """Builds rows and unread numbers from the matches of one text."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]):
        self.text = text
        self.sentences = sentences
        self.rows: list[Row] = []
        self.unread: list[Unread] = []
        self.variables: set[str] = set()

    def sentence_of(self, start: int) -> tuple[int, int]:
        return next((s for s in self.sentences if s[0] <= start < s[1]), (start, start))

    def refuse(self, numbers: list[Printed], reason: str) -> None:
        self.unread.extend(Unread(number, reason) for number in numbers)

    def add(self, match: Match, prefix: str, statistic: str, printed: Printed, unit: str, **links) -> Row:
        row = Row(prefix, statistic, printed, unit, match.pattern, self.sentence_of(match.start), **links)
        self.rows.append(row)
        return row

    def read(self, match: Match) -> None:
        """Read ``match`` into rows or unread numbers. A match any row of which no reading can hold (a negative
        duration, rate or count: :func:`_out_of_bounds`) is taken back whole, its numbers listed unread, so that a
        draft passes the values schema whatever a text prints."""
        first_row = len(self.rows)
        self._read(match)
        added = self.rows[first_row:]
        reason = next((why for row in added if (why := _out_of_bounds(row)) is not None), None)
        if reason is not None:
            del self.rows[first_row:]
            self.refuse([n for row in added for n in row.held], reason)

    def _read(self, match: Match) -> None:
        last = _tokens(match.tree)[-1]
        if match.pattern == "pct_alone" and _numbers(match.tree)[0].value in ("90", "95", "99") and (
                self._cut_off(last.end_pos) or (_MARK_BEFORE_A_LEVEL.search(self.text, 0, match.start)
                                                and _BOUND_AFTER_A_LEVEL.match(self.text, match.end))):
            # "(odds ratio 0.42, 95% " where the page cuts the text, "(, , 95% -5.44)" where it emptied the
            # statistics: the level of a CI whose label or bounds are missing
            return self.refuse(_numbers(match.tree), "a confidence level whose interval the text lost (cut off or "
                                                     "emptied): not a share")
        if last.type == "NUMBER" and self._cut_off(last.end_pos):
            return self.refuse(_numbers(match.tree), "a number where the text stops inside an open bracket (cut "
                                                     "off): its last digits may be missing")
        if last.type in ("NUMBER", "WORDNUM") and _RANGE_AFTER.match(self.text, match.end):
            # "HRs: 0.213-0.503": the first end of a range of estimates, not an estimate
            return self.refuse(_numbers(match.tree), _FIRST_END)
        before = self.text[self.sentence_of(match.start)[0]:match.start]
        if any(self._rate_scale(number) for number in _numbers(match.tree)):
            # "10/100 000 persons", "(per 100,000 persons)": a rate per a power of ten, which has no unit in the
            # schema beyond per 100 and per 1000 patient-years; its number is no count of people
            return self.refuse(_numbers(match.tree), "a rate per a power of ten people or person-years (\"10/100 000 "
                                                     "persons\"), which the schema has no unit for: not a count")
        if _tokens(match.tree)[0].type == "WORDNUM" and _LARGER_IN_WORDS.search(before):
            return self.refuse(_numbers(match.tree), _LARGER_NUMBER)
        ends = (_tokens(match.tree)[0], last)
        if any(t.type == "WORDNUM" and _LARGER_AFTER.match(self.text, t.end_pos) for t in ends):
            # "Five of one hundred", "One hundred patients": a number goes on in words past what the extraction reads
            return self.refuse(_numbers(match.tree), _LARGER_NUMBER)
        if _tokens(match.tree)[0].type in ("NUMBER", "WORDNUM"):
            # The match opens with its number: a word or sign just before it qualifies that number.
            if _SIGN_BEFORE.search(before):
                if self._percent_difference(match, before[:-1], before[-1]) or self._signed_difference(match):
                    return None
                return self.refuse(_numbers(match.tree), "a signed number (a change or a difference) that the "
                                                         "pattern would read without its sign")
            if _RANGE_BEFORE.search(before):
                return self.refuse(_numbers(match.tree), "the second end of a range, not one number")
            first = _numbers(match.tree)[0]
            first_end = first.end
            listed = _BOUND_LIST_BEFORE.search(before)
            if (_BOUND_BEFORE.search(before) or _BOUND_ALTERNATIVE_BEFORE.search(before)
                    or (listed and (listed.group("last") or listed.group("alone")
                                    or _LIST_GOES_ON_AFTER.match(self.text, first_end)))
                    or ((_PERCENT_AFTER.match(self.text, first_end) or match.pattern == "pct_list")
                        and _BOUND_AFTER.match(self.text, first_end)
                        and not (first.decimals and _RESPONSE_RATE_AFTER.match(self.text, first_end)))):
                return self.refuse(_numbers(match.tree), "a bound (at least, more than, <, ...), not a value")
            if (match.pattern in _COUNT_PATTERNS and _LABEL_BEFORE.search(before)
                    and not self._percent_after_a_tie(match)):
                return self.refuse(_numbers(match.tree), _LABEL)
            if _MATCHED_BEFORE.search(before):
                return self.refuse(_numbers(match.tree), "a matching ratio (controls per patient): a design fact")
            if _APPROXIMATE_BEFORE.search(before):
                return self.refuse(_numbers(match.tree), "an approximate value (about, nearly, ~, ...): its digits "
                                                         "are not a rounding of the exact value")
        if match.pattern in ("pct_alone", "pct_ci", "pct_list") and self._no_share(match, before):
            return None
        getattr(self, f"_read_{match.pattern}")(match)

    def _no_share(self, match: Match, before: str) -> bool:
        """Whether the percent that ``match`` reads is no share of a total, its numbers then listed unread (a p
        inside it read alone): the second end of a range, a CI's bound or an SD printed in percent beside an
        estimate not read with them, or a difference or relative change."""
        numbers = _numbers(match.tree)
        closed = _without_brackets(before)
        if _TO_RANGE_BEFORE.search(before):
            self.refuse(numbers, "the second end of a range, not one number")
        elif _CI_BOUND_BEFORE.search(before):
            self.refuse(numbers, "a bound of a CI whose estimate is not read with it")
        elif _SPREAD_LABEL_BEFORE.search(before):
            self.refuse(numbers, "an SD or SE printed in percent, whose mean is not read with it")
        elif match.pattern == "pct_alone" and _PERCENT_RANGE_AFTER.match(self.text, match.end):
            self.refuse(numbers, _FIRST_END)
        elif _PER_TIME_AFTER.match(self.text, numbers[0].end):
            self.refuse(numbers, "a percent per unit of time (\"0.29% per year\"), a rate of change: not a share of "
                                 "a total")
        elif self._percent_difference(match, before, "+"):
            pass
        elif (_DIFFERENCE_BEFORE.search(before) or _DIFFERENCE_BEFORE.search(closed)
              or self._goes_on_from_change(match, before)
              or _PERCENT_CHANGE_NAMED.search(closed.rsplit(";", 1)[-1])
              or _opened_by_change(before)
              or (_CHANGE_VERB_BEFORE.search(closed)
                  and not _SHARE_OF_PEOPLE_AFTER.match(self.text, numbers[0].end))
              or (_CHANGE_OBJECT_BEFORE.search(closed)
                  and not _VS_AFTER.match(self.text, numbers[0].end))
              or _CHANGE_AFTER.match(self.text, match.end)):
            pvalue = _first(match.tree, "pvalue")
            held = set(_numbers(pvalue)) if pvalue is not None else set()
            self.refuse([n for n in numbers if n not in held], _CHANGE_IN_PERCENT)
            self._p(match, pvalue, None)
        elif match.pattern == "pct_alone" and (_SLASH_LIST.match(self.text, match.end)
                                               or _SLASH_LIST_BEFORE.search(self.text, 0, match.start)):
            self.refuse(numbers, _SLASHED)
        else:
            return False
        return True

    def _percent_difference(self, match: Match, before: str, sign: str) -> bool:
        """Whether ``match`` is a difference in percentage points named as one, with its CI ("difference (95% CI):
        12.4% (2.9-21.9); P = 0.015", "Δ32.3%; 95% CI 19.7%-45.0%", "difference: –0.27% [95% CI –0.50 to –0.04]"),
        read then as a ``difference`` row with its CI and its p: the audit's symmetry and Wald checks of a
        difference, which ask nothing of a total. ``sign``: the sign printed before the estimate."""
        if match.pattern != "pct_ci" or _first(match.tree, "interval") is None:
            return False
        if not _DIFFERENCE_NAMED_BEFORE.search(_without_brackets(before)):
            return False
        estimate = _numbers(match.tree)[0]
        if sign != "+":
            estimate = Printed(estimate.text, "-" + estimate.value, estimate.decimals, estimate.start - 1, estimate.end)
        self._difference(match, estimate, match.tree, _first(match.tree, "pvalue"))
        return True

    def _signed_difference(self, match: Match) -> bool:
        """Whether ``match`` is a signed estimate with its labelled CI after a difference's name ("the difference in
        EDSS at 12 months was -0.30 (95% CI -0.50 to -0.10)"), read then as that difference with its sign."""
        if match.pattern != "unnamed_estimate" or _token_text(match.tree, "CI95") is None:
            return False
        sign = match.start - 1
        if self._named_before(match, start=sign) != ("difference", "md", "measure"):
            return False
        number = Printed.of(_tokens(_child(match.tree, "count")))
        estimate = number if self.text[sign] == "+" else Printed(number.text, "-" + number.value, number.decimals,
                                                                 sign, number.end)
        self._difference(match, estimate, match.tree, _first(match.tree, "pvalue"))
        return True

    def _changed_by(self, match: Match, value: Printed) -> bool:
        """Whether the summary's ``value`` is what a verb of change changed it by ("reducing median survival by 1.9
        months"), never a time point ("not reached by 12 months") nor a percent (a relative change, refused as
        one)."""
        begin = self.sentence_of(match.start)[0]
        return (_BY_BEFORE.search(self.text, match.start, value.start) is not None
                and _CHANGE_VERB_BY.search(self.text, begin, value.start) is not None
                and not _PERCENT_AFTER.match(self.text, value.end))

    def _goes_on_from_change(self, match: Match, before: str) -> bool:
        """Whether the percent of ``match`` goes on from the last relative change of its sentence listed unread:
        the next of its list, or after a comparison's words, with no share read between."""
        start = self.sentence_of(match.start)[0]
        changes = [u.printed.end for u in self.unread
                   if u.reason in (_CHANGE_IN_PERCENT, _PERCENT_NOT_RATIO) and start <= u.printed.end <= match.start]
        if not changes:
            return False
        last = max(changes)
        gap = _without_brackets(self.text[last:match.start])
        if not (_CHANGE_GOES_ON.search(before) or _NEXT_OF_LIST.fullmatch(gap)):
            return False
        if _SHARE_OF_PEOPLE_AFTER.match(self.text, _numbers(match.tree)[0].end):
            return False  # "..., 45% of patients were relapse-free": a share that names its people
        return not any(row.statistic == "percent" and last < row.printed.start < match.start for row in self.rows)

    def _rate_scale(self, number: Printed) -> bool:
        """Whether ``number`` is the scale of a rate: a power of ten from 100 after "per", or from 1,000 after a
        slash ("49/100" may well be a count of its total)."""
        if number.decimals or number.value not in _POWERS_OF_TEN:
            return False
        before = self.text[max(0, number.start - 6):number.start]
        return bool(_PER_BEFORE.search(before)) or (number.number >= 1000 and before.rstrip().endswith("/"))

    def _cut_off(self, end: int) -> bool:
        """Whether the text stops at the number ending at ``end``, inside a bracket left open: nothing after it but
        a full stop, comma or semicolon ("... (HR 1." of a page that cuts the text off)."""
        sentence = self.text[self.sentence_of(end - 1)[0]:end]
        return self.text[end:].strip() in ("", ".", ",", ";") and \
            sentence.count("(") + sentence.count("[") > sentence.count(")") + sentence.count("]")

    def read_rate_lists(self) -> None:
        """Annualised relapse rates printed as a bare list after the clause that names them, read after every
        pattern: "ARR decreased from 0.20 ... to 0.10, 0.08 and 0.04", "The ARR was lower with A than with B in
        trial 1 (0.16 vs. 0.29; ...)".

        A decimal that no pattern read is an ARR where (1) it opens a bracket or follows a tie ("was", "from",
        "to", ...), and the nearest statistic's name before it in its sentence is "ARR" with no number between
        them but labels no pattern read ("trial 1", "4 years"), or (2) it follows an ARR of its sentence across
        at most a few words that end in "and", "vs", "to" or a comma and hold no verb (a bracketed "(n = 88)" of
        the arm before it aside); never where the ARR shares its verb with another subject ("The ARR and the EDSS
        were 0.2 and 3.5, respectively"). It is read alone: no CI, no p, no link, so a wrong guess could not make a
        false alarm; anything else leaves it unread."""
        taken = {n.end for row in self.rows for n in row.held} | {u.printed.end for u in self.unread}
        lexed = tokens(self.text)
        for begin, end in self.sentences:
            sentence = [t for t in lexed if begin <= t.start_pos and t.end_pos <= end]
            if _compound_subject(sentence):
                continue  # "The ARR and the EDSS were 0.2 and 3.5": the list gives the values of several names
            for index, token in enumerate(sentence):
                if not (token.type == "NUMBER" and "." in str(token).replace("·", ".")
                        and token.end_pos not in taken and self._bare(sentence, index)):
                    continue
                if self._listed_after_arr(sentence, index):
                    printed = Printed.of([token])
                    self.rows.append(Row("arr", "rate", printed, "per_patient_year", "rate_list", (begin, end)))

    @staticmethod
    def _bare(sentence: list[Token], index: int) -> bool:
        """Whether the number at ``index`` stands alone: no percent, unit, range, rate label or bracket after it
        (the sentence's full stop may follow).
        (A sign, comparison or p just before it is refused by :meth:`_listed_after_arr`, which reads only words,
        brackets, dashes and slashes there, and a series only after "and", "vs", "to" or a comma.)"""
        after = sentence[index + 1] if index + 1 < len(sentence) else None
        at_full_stop = after is not None and str(after) == "." and index + 2 == len(sentence)
        return after is None or at_full_stop or after.type in ("COMMA", "SEMI", "RPAR", "VS") or (
            after.type == "WORD" and str(after).lower() in _BARE_AFTER)

    def _listed_after_arr(self, sentence: list[Token], index: int) -> bool:
        rates = {row.printed.end for row in self.rows if row.prefix == "arr" and row.statistic == "rate"}
        held = {n.end for row in self.rows for n in row.held}
        first = sentence[index - 1].type == "LPAR" or str(sentence[index - 1]).lower() in _FIRST_TIES | {"to"}
        gap: list[Token] = []
        back = index
        while back > 0:
            back -= 1
            token = sentence[back]
            if back >= 4 and [t.type for t in sentence[back - 4:back + 1]] == ["LPAR", "N_LABEL", "EQ", "NUMBER",
                                                                               "RPAR"]:
                back -= 4  # "0.081 for A (n = 345) versus 0.188": the size of the arm before, not a value
                continue
            if token.type == "ARR":
                if back > 0 and sentence[back - 1].type == "MEDIAN":
                    return False  # a median of the patients' own ARRs, not a rate
                return first and len([t for t in gap if t.type in _WORD_TOKENS]) <= _MOST_NAMED_LEAD_WORDS
            if token.type in ("NUMBER", "WORDNUM"):
                if token.end_pos in rates:  # the list goes on from the rate before
                    words = [t for t in gap if t.type in _WORD_TOKENS]
                    return bool(gap) and len(words) <= _MOST_LEAD_WORDS and str(gap[-1]).lower() in _SERIES_TIES \
                        and not any(str(t).lower() in _TIES for t in gap if t.type != "COMMA")
                if token.end_pos in held or "." in str(token) or not first:
                    return False  # a number of another statistic, or a decimal, between them
            elif token.type not in _GAP_TOKENS and token.type != "DASH":
                return False
            gap.insert(0, token)
        return False

    # --- counts, totals and percents
    def _counts(self, match: Match, count: Printed | None, total: Printed | None, percent: Printed | None) -> None:
        numbers = [n for n in (count, total, percent) if n is not None]
        sentence = self.sentence_of(match.start)
        before = self.text[sentence[0]:match.start]
        after = self.text[match.end:sentence[1]]
        carried_total = None
        if total is None and count is not None and percent is not None and (
                _BEFORE_CARRIED.search(before) or _AFTER_CARRIED.search(after)):
            carried_total = self._group_just_counted(sentence[0], match.start)
            if carried_total is None:
                return self.refuse(numbers, CARRIED_OVER)
            if count.number > carried_total.printed.number:
                return self.refuse(numbers, "a count above the group \"of these\" names: the schema refuses it; "
                                            "check it by hand")
        elif total is None and count is not None and percent is not None and match.pattern == "count_pct":
            carried_total = self._total_opened_before(match, count)
        if percent is not None and not 0 <= percent.number <= 100:
            return self.refuse(numbers, "a percent outside 0 to 100: the schema refuses it; check it by hand")
        if count is not None and total is not None and count.number > total.number:
            return self.refuse(numbers, "a count above its total: the schema refuses it; check it by hand")
        if total is not None and count is not None and YEAR.fullmatch(total.text) and (
                count.number <= 12 and match.pattern == "k_over_n"):
            return self.refuse(numbers, "a date (month/year)")
        if any(n.decimals for n in (count, total) if n is not None):
            return self.refuse(numbers, "a count or total printed with decimals: not a count")
        if (count is not None and total is not None and percent is None and count.value in _SNELLEN_DISTANCES
                and "SLASH" in (t.type for t in _tokens(match.tree))
                and (_VISION_BEFORE.search(before) or _VISION_AFTER.match(after)) and not _NOUN_AFTER.match(after)):
            return self.refuse(numbers, "a Snellen fraction (visual acuity), not a count of a total")
        unit = _count_unit(_token_text(match.tree, "COUNT_NOUN"))
        total_row = self.add(match, "total", "count", total, unit) if total is not None else carried_total
        count_row = (self.add(match, "n", "count", count, unit, denominator=total_row)
                     if count is not None else None)
        if percent is not None:
            self.add(match, "pct", "percent", percent, "percent", of=count_row, denominator=total_row)

    def _total_opened_before(self, match: Match, count: Printed) -> Row | None:
        """The total that the sentence opened with ("Of 120 patients, 70 (58%) were women"), for the next part of
        its list ("... and 50 (42%) were men"): only where the part before was read with that total, nothing but
        a few words joins them (no number, bracket, semicolon, or word that names another group: "of", "among",
        "whom", "them", ...) and nothing after the count names what it is a share of ("of the women"). None
        otherwise: the share may be of another group."""
        begin = self.sentence_of(match.start)[0]
        earlier = [row for row in self.rows if begin <= row.printed.start < match.start]
        if not earlier:
            return None
        last = max(earlier, key=lambda row: row.printed.end)
        part = last.of if last.statistic == "percent" else last
        total = part.denominator if part is not None and part.statistic == "count" else None
        if total is None or total.pattern not in ("of_total_count_pct", "of_total_pct_n"):
            return None
        gap = self.text[last.printed.end:match.start]
        if (not _NEXT_PART_GAP.fullmatch(gap) or _OTHER_GROUP_WORD.search(gap)
                or _OF_GROUP_AFTER.match(self.text, match.end) or count.number > total.printed.number):
            return None
        return total

    def _group_just_counted(self, begin: int, end: int) -> Row | None:
        """The group "of these" or "of them" names, where its own sentence has counted it: the one count of people
        read between ``begin`` and ``end`` ("17 patients in group A, 14 (82.3%) of them"; "344 of 542 (63.5%)
        reached EDSS 6.0; of these, 220 (64.0%)"), provided no other whole number stands between it and ``end``
        but those its own rows hold (its total, its percent). None otherwise: the group may be another sentence's,
        or one of several the sentence counts ("23 men and 138 women. Among them" with the full stop glued, "40 in
        group A and 80 in group B; of these", "Of 50 patients, 20 ...; of these")."""
        counted = [row for row in self.rows if row.statistic == "count" and row.prefix == "n"
                   and row.unit in ("patients", "participants") and begin <= row.printed.start < end]
        if len(counted) != 1:
            return None
        group = counted[0]
        own = {row.printed.end for row in self.rows if row is group or row is group.denominator
               or (row.of is group and row.statistic == "percent")}
        between = [n for n in _WHOLE_NUMBER.finditer(self.text, group.printed.end, end) if n.end() not in own]
        return None if between else group

    def _read_total_kind_pct(self, match: Match) -> None:
        total, percent = _numbers(match.tree)
        self._counts(match, None, total, percent)

    def _read_count_total_pct(self, match: Match) -> None:
        count, total, percent = _numbers(match.tree)
        self._counts(match, count, total, percent)

    def _read_pct_count_total(self, match: Match) -> None:
        percent, count, total = _numbers(match.tree)
        self._counts(match, count, total, percent)

    def _read_of_total_count_pct(self, match: Match) -> None:
        total, count, percent = _numbers(match.tree)
        self._counts(match, count, self._determined(match, total), percent)

    def _determined(self, match: Match, total: Printed) -> Printed | None:
        """The ``total`` after "of", where a word just before it is a determiner ("of the 125 patients"); after
        any other word ("of about 125") it is refused and the share read without it."""
        before = [t for t in _tokens(match.tree) if t.end_pos <= total.start]
        if before[-1].type == "WORD" and str(before[-1]).lower() not in _TOTAL_DETERMINERS:
            self.refuse([total], "a total after a word that qualifies it (\"of about 125\"): not read as the total")
            return None
        return total

    def _read_of_total_pct_n(self, match: Match) -> None:
        total, percent, count = _numbers(match.tree)
        self._counts(match, count, total, percent)

    def _read_count_pct_of_total(self, match: Match) -> None:
        count, percent, total = _numbers(match.tree)
        self._counts(match, count, self._determined(match, total), percent)

    def _read_count_pct(self, match: Match) -> None:
        count, percent = _numbers(match.tree)
        self._counts(match, count, None, percent)

    def _read_count_verb_pct(self, match: Match) -> None:
        count, percent = _numbers(match.tree)
        verb = str(next(t for t in _tokens(match.tree) if t.type == "WORD")).lower()
        if verb not in _VERBS_OF_A_COUNT | _VERBS_OF_PATIENTS:
            # "53 mg daily (30%)": the percent is not the share of that number, which keeps the reason it has alone
            return self._counts(match, None, None, percent)
        self._counts(match, count, None, percent)

    def _read_pct_count(self, match: Match) -> None:
        percent, count = _numbers(match.tree)
        if _RELATIVE_CHANGE_BEFORE.search(self.text, self.sentence_of(match.start)[0], match.start):
            # "a 12% (6) reduction": a relative change, whose bracket holds its SD or SE, not a count of patients
            self._counts(match, None, None, percent)
            return self.refuse([count], "a number in brackets after a relative change (\"a 12% reduction\"): its "
                                        "SD or SE, not a count")
        self._counts(match, count, None, percent)

    def _read_pct_ci(self, match: Match) -> None:
        percent, low, high = _numbers(_child(match.tree, "percent")) + _numbers(_first(match.tree, "interval"))
        rows = len(self.rows)
        self._counts(match, None, None, percent)
        interval = _first(match.tree, "interval")
        if low.number <= high.number <= 1 < percent.number and not _token_text(interval, "PCT"):
            # "45% (95% CI 0.41-0.49)": bounds printed as proportions beside a percent; read on the percent's
            # scale they would put it outside its CI, a false alarm.
            self.refuse([low, high], "CI bounds of a percent printed as proportions (0 to 1): another scale than "
                                     "the percent's; check them by hand")
        elif len(self.rows) > rows:
            self.rows[-1].ci = self._interval(match, match.tree)
        else:
            self.refuse([low, high], "the CI of a percent left unread")
        # A p beside a percent compares it with something the clause does not print: left unlinked.
        self._p(match, _first(match.tree, "pvalue"), None)

    def _read_clause_ci(self, match: Match) -> None:
        low, high = _numbers(_first(match.tree, "interval"))
        sentence = self.sentence_of(match.start)
        percent = next((row for row in reversed(self.rows) if row.statistic == "percent"
                        and sentence[0] <= row.printed.start and row.printed.end <= match.start), None)
        # the words after the percent sign, which is not part of the printed number
        between = self.text[percent.printed.end:match.start].lstrip().removeprefix("%") if percent is not None else ""
        # Words alone between them also keep out a percent printed with its own CI, count or total (a bracket or
        # a number lies between): such a CI would be checked against the binomial CIs of that count, which a
        # Kaplan-Meier or model-based CI need not match.
        if (percent is None or not _WORDS_ONLY.fullmatch(between)
                or len(between.split()) > _CLAUSE_CI_WORDS
                or not low.number <= percent.printed.number <= high.number):
            # a CI that no percent before it holds across words alone may be another estimate's: never linked
            return self.refuse([low, high], "a CI after a clause, not tied to a percent before it (none holds "
                                            "it across words alone)")
        percent.ci = self._interval(match, match.tree)

    def _read_unnamed_estimate(self, match: Match) -> None:
        labelled = _token_text(match.tree, "CI95") is not None
        named = self._named_before(match, after_a_ci=not labelled)
        estimate = Printed.of(_tokens(_child(match.tree, "count")))
        low, high = _numbers(_child(match.tree, "interval"))
        if not labelled and (named is None or not low.number <= estimate.number <= high.number
                             or not estimate.decimals or not self._ends_a_series_item(match)):
            # Unlabelled, the pair is a CI only by its place in a series of estimates with their CIs, only where
            # it holds an estimate printed with decimals and nothing after it makes the number a count, a time or
            # a rate ("and 18 (12-25) patients relapsed"); otherwise each number keeps the reason its
            # neighbours give it.
            return
        if named is None and labelled and _DIFFERENCE_BY.search(self.text, self.sentence_of(match.start)[0],
                                                                 match.start):
            # "greater in smokers, by 0.68 (95% CI 0.36-1.01)": what a verb or comparison changed it by, a difference
            named = ("difference", "md", "measure")
        if named is None:
            return self.refuse(_numbers(match.tree), _UNNAMED)
        self._named_estimate(match, named, estimate)

    def _named_estimate(self, match: Match, named: tuple[str, str, str], estimate: Printed) -> None:
        """The row of an estimate printed without its name, of the statistic ``named`` before it."""
        statistic, prefix, unit = named
        if statistic == "rate":
            return self._rate_row(match, match.tree, estimate, match.tree, prefix, unit)
        if statistic == "difference":
            return self._difference(match, estimate, match.tree, _first(match.tree, "pvalue"))
        self._ratio(match, prefix, estimate)

    def _ends_a_series_item(self, match: Match) -> bool:
        """Whether what follows ``match`` in its sentence ends an item of a series of estimates: nothing, a
        punctuation mark, or a word that names the arm or the next item ("for drug C", "and", "vs")."""
        sentence = self.sentence_of(match.start)
        after = next((t for t in tokens(self.text) if match.end <= t.start_pos and t.end_pos <= sentence[1]), None)
        return after is None or after.type in ("COMMA", "SEMI", "RPAR", "RSQB", "OTHER", "VS") or (
            after.type == "WORD" and str(after).lower() in _SERIES_ITEM_ENDS)

    def _named_before(self, match: Match, after_a_ci: bool = False, start: int | None = None
                      ) -> tuple[str, str, str] | None:
        """The statistic, quantity prefix and unit that an estimate printed without its name ("were 0.29 (95% CI
        0.17, 0.42)") takes from earlier in its sentence, or None. With ``after_a_ci`` (an estimate whose pair
        has no CI label: "... and 2.31 (1.30 to 4.10)"), the estimate before it in a series must hold a CI;
        ``start`` (default: the match's) is where the estimate's sign, if any, begins.

        The first estimate after the name of a ratio, an annualised rate or a difference (or a mean named a change,
        a difference from baseline) takes that name where only words and time points lie between them, ending in a
        tie ("HRs for relapse in the two groups were 0.29 (...)", "ARR fell from 1.96 (...)", "the difference in
        EDSS at 12 months was -0.3 (...)"); the next estimate of a series takes the statistic of the estimate before
        it where a few words join them, ending in "and", "vs", "to" or a comma, with no verb of their own ("... and
        0.15 (...)", "... with satralizumab vs 0.32 (...)"). Any other number or statistic's name between them, and
        the estimate stays unread: its statistic would be a guess."""
        sentence = self.sentence_of(match.start)
        start = match.start if start is None else start
        before = [t for t in tokens(self.text) if sentence[0] <= t.start_pos and t.end_pos <= start]
        index = len(before)
        # a number beside its unit of time is a time window or point between the items ("for the first 2 years,
        # and", "at week 52 was")
        while index > 0 and (before[index - 1].type in _GAP_TOKENS or (
                before[index - 1].type == "NUMBER" and (index < len(before) and before[index].type == "DURATION"
                                                        or index > 1 and before[index - 2].type == "DURATION"))):
            index -= 1
        if index == 0 or index == len(before):
            return None
        token, gap = before[index - 1], before[index:]
        words = [t for t in gap if t.type in _WORD_TOKENS]
        if token.type in ("RATIO", "ARR", "DIFFERENCE") or (
                token.type == "MEAN" and _CHANGE_NAMED.search(self.text, token.end_pos, start)):
            if len(words) > _MOST_NAMED_LEAD_WORDS or str(gap[-1]).lower() not in _FIRST_TIES:
                return None
            if token.type == "ARR":
                return "rate", "arr", "per_patient_year"
            if token.type in ("DIFFERENCE", "MEAN"):  # a mean named as a change: a difference from baseline
                return "difference", "md", "measure"
            return "ratio", _ratio_prefix(str(token)), "ratio"
        if token.type not in ("NUMBER", "WORDNUM"):
            return None
        previous = next((row for row in self.rows if token.end_pos in {n.end for n in row.held}), None)
        estimate = next((row for row in reversed(self.rows) if row.statistic in ("ratio", "rate", "difference")
                         and sentence[0] <= row.printed.start < token.end_pos), None)
        # "... was 0.14 (95% CI ...) and was 0.08 (95% CI ...)": "and" and a verb with no subject of their own
        same_subject = [str(t).lower() for t in words] in (["and", "was"], ["and", "were"])
        if (previous is None or estimate is None or previous.statistic not in ("ratio", "rate", "difference", "p")
                or (after_a_ci and (estimate if previous.statistic == "p" else previous).ci is None)
                or not same_subject and (len(words) > _MOST_LEAD_WORDS or str(gap[-1]).lower() not in _SERIES_TIES
                                         or any(str(t).lower() in _TIES for t in gap if t.type != "COMMA"))):
            return None
        return estimate.statistic, estimate.prefix, estimate.unit

    def _read_k_of_n(self, match: Match) -> None:
        pvalue = _first(match.tree, "pvalue")
        numbers = _numbers(match.tree)[:-1 if pvalue is not None else None]
        words = [t for t in _tokens(match.tree) if t.type == "WORDNUM"]
        if _LARGER_AFTER.match(self.text, numbers[1].end):
            # "Four of one hundred patients (4%)": the total goes on in words past what the extraction reads
            self.refuse(numbers[:2], _LARGER_NUMBER)
            return self._counts(match, None, None, numbers[2]) if len(numbers) > 2 else None
        if words and len(numbers) == 2 and _token_text(match.tree, "COUNT_NOUN") is None:
            # "to one of five groups": numbers in words with neither a noun of people nor a percent count anything
            return self.refuse(numbers, "a number in words outside a count")
        self._counts(match, numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else None)
        # "20 of 25 (80%, p = .02)": the p compares the share with something the clause does not print.
        self._p(match, pvalue, None)

    def _read_k_over_n(self, match: Match) -> None:
        count, total = _numbers(match.tree)
        if total.number <= 1:
            # "0/1 lesions", "1/1": a category of a scale, or a share no reader would print as a count of one
            return self.refuse([count, total], "a pair over a total of one (\"0/1 lesions\"): a category, not a "
                                               "count of a total")
        if DOSE.match(self.text[match.end:]):
            return self.refuse([count, total], "two doses (\"50/400 mg/day\"), not a count of a total")
        if _SLASH_LIST.match(self.text, match.end) or _SLASH_LIST_BEFORE.search(self.text, 0, match.start):
            return self.refuse([count, total], _SLASHED)
        self._counts(match, count, total, None)

    def _read_pct_n(self, match: Match) -> None:
        percent, number = _numbers(match.tree)
        if not _is_share_of(percent, number) and _could_be_count(percent, number):
            # "18% (n = 9)": n is the percent's count (of 50), not its total; only a total is checkable.
            return self._counts(match, number, None, percent)
        # n as the total: a share of n prints as the percent, or neither reading fits and the audit says so.
        self._counts(match, None, number, percent)

    def _read_pct_of_total(self, match: Match) -> None:
        percent, total = _numbers(match.tree)
        self._counts(match, None, total, percent)

    def _read_pct_alone(self, match: Match) -> None:
        percent = _numbers(match.tree)[0]
        sample = self._sample_before_bracket(match)
        if sample is not None and 0 <= percent.number <= 100:
            self.add(match, "pct", "percent", percent, "percent", denominator=sample)
            return None
        self._counts(match, None, None, percent)

    def _sample_before_bracket(self, match: Match) -> Row | None:
        """The count of people whose bracket the percent of ``match`` opens, describing them ("212 patients were
        enrolled (69.1% female, 50.5% treatment naive)", "A total of 212 patients (69.1% female)"): the share of
        that sample. None where the percent names its own total ("(60% of those screened)"), compares ("vs"), or
        the count is one of a list ("58 women and 20 men (45% ...)": of the 20 or of all 78, the text does not
        say)."""
        begin = self.sentence_of(match.start)[0]
        opened = _SAMPLE_BRACKET_OPENED.search(self.text, begin, match.start)
        if opened is None or not _KIND_AFTER.match(self.text, match.end):
            return None
        counted = [row for row in self.rows if row.statistic == "count" and row.prefix == "n" and row.denominator
                   is None and row.unit in ("patients", "participants") and begin <= row.printed.start
                   and row.printed.end <= opened.start()]
        if not counted:
            return None
        sample = counted[-1]
        described = _SAMPLE_NOUN_GAP.fullmatch(self.text, sample.printed.end, opened.start())
        listed = _LISTED_BEFORE.search(self.text, begin, sample.printed.start)
        return sample if described and not listed else None

    def _read_n_equals(self, match: Match) -> None:
        self._counts(match, None, _numbers(match.tree)[0], None)

    def _read_count_noun(self, match: Match) -> None:
        count, *words, _ = _tokens(match.tree)
        if words and YEAR.fullmatch(str(count)):
            return None  # "in 2019 enrolled centres": a year, which keeps the reason it has alone
        if words and DOSE.match(self.text[count.end_pos:]):
            return None  # "450 mg intravenous infusion": a dose, which keeps the reason it has alone
        if words and words[0].start_pos == count.end_pos:
            # "24th infusion": an ordinal names which one, not how many
            return self.refuse(_numbers(match.tree), "an ordinal (24th, 3rd, ...), not a count")
        if any(str(word).lower() in _NOT_A_KIND for word in words):
            # "3 or more relapses", "2 per year": the words between make the number a bound or a rate, not a count
            return self.refuse(_numbers(match.tree), "a number whose words before its noun make it no count")
        self._counts(match, _numbers(match.tree)[0], None, None)

    def _read_count_list(self, match: Match) -> None:
        word = str(next(t for t in _tokens(match.tree) if t.type == "WORD")).lower()
        before = self.text[self.sentence_of(match.start)[0]:match.start]
        percent = _first(match.tree, "percent")
        counts = _numbers(match.tree)[:-1] if percent is not None else _numbers(match.tree)
        share = _numbers(percent)[0] if percent is not None else None
        if word in ("hundred", "thousand"):  # "One hundred twenty patients": one number in words
            return self.refuse(_numbers(match.tree), _LARGER_NUMBER)
        if word in _CLAUSE_WORDS:
            # "none in group 1 while four patients (28.6%) relapsed": the last count and its share are a clause of
            # their own; the numbers before keep the reasons they have alone
            return self._counts(match, counts[-1], None, share)
        if word != "and" or re.search(r"\bbetween\s*$", before, re.IGNORECASE):
            # "2 or 3 patients", "between 10 and 20 patients": a vague figure or a range, not counts
            self.refuse(counts, "counts joined by a word that makes them no list of counts")
        else:
            for count in counts:  # "821 and 835 patients": one count each
                self._counts(match, count, None, None)
        if share is not None:  # "821 and 835 patients (48%)": a share of which of them, the text does not say
            self._counts(match, None, None, share)

    @staticmethod
    def _percent_after_a_tie(match: Match) -> bool:
        """Whether ``match`` is a percent after a number and a word that is no list's ("week 52 was 56.2%"): the
        label before names the number, not the percent."""
        return match.pattern == "pct_list" and str(
            next(t for t in _tokens(match.tree) if t.type in ("WORD", "VS"))).lower() in _TIES

    def _read_pct_list(self, match: Match) -> None:
        numbers = _numbers(match.tree)
        joint = next(t for t in _tokens(match.tree) if t.type in ("WORD", "VS"))
        word = "and" if joint.type == "VS" and len(numbers) == 2 else str(joint).lower()  # "47 vs. 10%": a pair
        before = self.text[self.sentence_of(match.start)[0]:match.start]
        words_in_list = any(t.type == "WORDNUM" for t in _tokens(match.tree))
        if word not in ("and", "or"):
            # "by week 60 were 45.3%": no list, the percent alone; the numbers before keep their own reasons
            return self._counts(match, None, None, numbers[-1])
        if word != "and" or words_in_list or re.search(r"\b(?:between|from)\s*$", before, re.IGNORECASE) or \
                not all(0 <= n.number <= 100 for n in numbers):
            # "between 4 and 5%", "2 or 3%": a range or a vague figure; a number in words is no percent's digits
            return self.refuse(numbers, "numbers before a percent that the text does not print as a list of percents")
        for number in numbers:  # "4.6, 4.8 and 4.9%": the sign of the last stands for every item
            self._counts(match, None, None, number)

    def _read_count_verb(self, match: Match) -> None:
        count, verb = _tokens(match.tree)
        number = _numbers(match.tree)[0]
        if number.decimals or verb.start_pos == count.end_pos:
            return  # a decimal, or a word glued to its number ("24th"): each keeps the reason it has alone
        if _TRIALS_AFTER.match(self.text, verb.end_pos):
            return  # "data from 3 randomized clinical trials": how many trials, which keeps the reason it has alone
        verb = str(verb).lower()
        if YEAR.fullmatch(str(count)) and _YEAR_BEFORE.search(self.text, self.sentence_of(match.start)[0],
                                                              count.start_pos):
            return  # "between 1989 and 2011 were reviewed": a year, which keeps the reason it has alone
        if verb in _VERBS_OF_PATIENTS and not YEAR.fullmatch(str(count)):
            self._counts(match, number, None, None)
        elif verb == "in" and _ARM_AFTER.match(self.text, match.end) and not YEAR.fullmatch(str(count)):
            # "(85 in the EVT group versus 83 in the medical group)": how many an arm holds
            self._counts(match, number, None, None)
        elif verb in ("were", "had") and self._after_a_count_of_people(match):
            # "Of the 5208 patients, 1922 were early ...": split by the count of people the sentence opened with
            self._counts(match, number, None, None)
        # any other word ("600 mg", "3 groups"), or a year: the number keeps the reason it has alone

    def _after_a_count_of_people(self, match: Match) -> bool:
        """Whether the sentence counts people before ``match`` (a count row in patients or participants) and the
        number opens a clause of its own (after a comma, semicolon, colon, "and" or "while"), not a date's place
        ("in 2019 were ...")."""
        begin = self.sentence_of(match.start)[0]
        counted = any(row.statistic == "count" and row.unit in ("patients", "participants")
                      and begin <= row.printed.start and row.printed.end <= match.start for row in self.rows)
        return counted and bool(_CLAUSE_OPENS.search(self.text, begin, match.start))

    # --- ratios, rates, p values and test statistics
    def _interval(self, match: Match, part: Tree | None) -> tuple[Printed, Printed] | None:
        """The CI of the estimate that ``part`` holds, or None (its bounds unread, with the reason) when the schema
        cannot hold it as printed."""
        interval = _first(part, "interval") if part is not None else None
        if interval is None:
            return None
        low, high = _numbers(interval)
        labels = [str(t) for t in _tokens(match.tree) if t.type == "CI95"]
        other = next((label for label in labels if _level(label) != "95" or _CREDIBLE.search(label)), None)
        if other is not None:
            # The checks read a 95% confidence interval: a 90% CI beside p = 0.06 is no decision inconsistency.
            self.refuse([low, high], f"bounds of a \"{' '.join(other.split())}\": the audit's checks read 95% "
                                     "confidence intervals only")
        elif low.number > high.number:
            self.refuse([low, high], "CI bounds in reverse order: the schema refuses them; check them by hand")
        elif low.decimals != high.decimals and _halfway_at(low if low.decimals > high.decimals else high,
                                                           min(low.decimals, high.decimals)):
            # Re-rounded to the coarser decimals, a bound halfway between two printable values (0.25 at one
            # decimal) has a rounding interval that misses one end of its own: it could make a false alarm.
            self.refuse([low, high], "CI bounds printed with different decimals from each other, the finer one "
                                     "halfway at the coarser decimals: check them by hand")
        else:
            return low, high
        return None

    def _p(self, match: Match, pvalue: Tree | None, of: Row | None) -> None:
        if pvalue is None:
            return
        ns = next((t for t in _tokens(pvalue) if t.type == "NS"), None)
        if ns is not None:  # "p = NS": not significant at 0.05, no digits (value NS, decimals empty)
            printed = Printed(str(ns), NOT_SIGNIFICANT, 0, ns.start_pos, ns.end_pos)
            self.add(match, "p", "p", printed, "p", of=of)
            return
        printed = _numbers(pvalue)[0]
        comparator = _token_text(pvalue, "CMP") or "="
        tied = any(t.type in ("EQ", "CMP", "OF") for t in _tokens(pvalue))
        if not tied and not printed.decimals:
            return self.refuse([printed], "a whole number after a p with no sign between (\"p 2\"): a label, "
                                          "not a p value")
        if not 0 <= printed.number <= 1:
            return self.refuse([printed], _P_OUTSIDE)
        if _THRESHOLD_BEFORE.search(self.text, self.sentence_of(match.start)[0], printed.start) or (
                comparator in ("<", "≤", "<=") and _THRESHOLD_AFTER.match(self.text, printed.end)):
            return self.refuse([printed], "the significance level the study set (\"significance was set at p < "
                                          "0.05\"), not a result")
        self.add(match, "p", "p", printed, "p", comparator=_P_COMPARATORS.get(comparator, comparator), of=of)

    def _loosely_named(self, match: Match, start: str, number: Tree, with_ci: bool) -> bool:
        """Whether the words between the statistic's name (token type ``start``) and its number leave them
        untied: words that do not end in "was", "of", "=", ":" or "," ("HR in 12 patients" names no HR of 12), or
        more than six of them; fifteen where the number has its CI (``with_ci``), as for an estimate that takes
        its name from earlier in the sentence (:meth:`_named_before`): a number with a CI is an estimate."""
        tokens = _tokens(match.tree)
        after = next(i for i, t in enumerate(tokens) if t.type == start) + 1
        if [t.type for t in tokens[after:after + 3]] in (["LSQB", start, "RSQB"], ["LPAR", start, "RPAR"]):
            after += 3  # "hazard ratio [HR] 0.23", "(HR) = 0.13": the abbreviation in brackets belongs to the name
        lead = tokens[after:tokens.index(_tokens(number)[0])]
        if [t.type for t in lead] == ["LPAR"]:
            return False  # "HR (0.54; 95% CI 0.30-0.98)": the estimate opens the bracket after its name
        if [t.type for t in lead] in (["LPAR", "CI95", "RPAR"], ["LSQB", "CI95", "RSQB"]):
            return False  # "HR (95% CI) 1.46 (1.00-2.12)", "odds ratio [95% CI] 2.89 [...]": a label of the pair
        words = [t for t in lead if t.type in ("WORD", "OF", "TO", "DURATION", "COUNT_NOUN")]
        most = _MOST_NAMED_LEAD_WORDS if with_ci else _MOST_LEAD_WORDS
        return bool(lead) and (len(words) > most or str(lead[-1]).lower() not in _TIES)

    def _read_estimate(self, match: Match) -> None:
        with_ci = _first(match.tree, "interval") is not None
        if _PERCENT_AFTER.match(self.text, _numbers(_child(match.tree, "signed"))[0].end):
            return self.refuse(_numbers(match.tree), _PERCENT_NOT_RATIO)  # "the HR fell by 30%": a relative change
        if self._loosely_named(match, "RATIO", _child(match.tree, "signed"), with_ci):
            return self.refuse(_numbers(match.tree), _UNTIED)
        prefix = _ratio_prefix(_token_text(match.tree, "RATIO"))
        self._ratio(match, prefix, Printed.of(_tokens(_child(match.tree, "signed"))))

    def _read_estimate_bare_ci(self, match: Match) -> None:
        estimate, low, high = _numbers(_child(match.tree, "signed")) + _numbers(_child(match.tree, "interval"))
        prefix = _ratio_prefix(_token_text(match.tree, "RATIO"))
        if estimate.number > 0 and not low.number <= estimate.number <= high.number:
            # Unlabelled, the pair is a CI only by its place; one that does not hold the estimate may be anything.
            self.refuse([low, high], "an unlabelled pair after an estimate that does not hold it: not read as its CI")
            return self._p(match, _first(match.tree, "pvalue"), self.add(match, prefix, "ratio", estimate, "ratio"))
        self._ratio(match, prefix, estimate)

    def _ratio(self, match: Match, prefix: str, estimate: Printed) -> None:
        """A ratio's row, with the CI and the p its match holds."""
        if _PERCENT_AFTER.match(self.text, estimate.end):
            return self.refuse(_numbers(match.tree), _PERCENT_NOT_RATIO)
        if _TIME_POINT_AFTER.match(self.text, estimate.end):
            return self.refuse(_numbers(match.tree), _TIME_POINT)
        if estimate.number <= 0:
            held = _numbers(match.tree)
            return self.refuse(held, "a ratio of 0 or less: the schema refuses it; check it by hand")
        row = self.add(match, prefix, "ratio", estimate, "ratio")
        row.ci = self._interval(match, match.tree)  # an estimate holds one CI and one p at most
        self._p(match, _first(match.tree, "pvalue"), row)

    def _rate(self, match: Match, item: Tree, prefix: str, unit: str = "per_patient_year") -> None:
        self._rate_row(match, item, Printed.of(_tokens(_child(item, "signed"))), _first(item, "ci_part"), prefix,
                       unit)

    def _rate_row(self, match: Match, item: Tree, estimate: Printed, part: Tree | None, prefix: str,
                  unit: str) -> None:
        """A rate's row, with the CI its ``part`` holds; a p beside it stays unlinked."""
        if _PERCENT_AFTER.match(self.text, estimate.end):
            return self.refuse(_numbers(item), _PERCENT_NOT_RATIO)
        if _TIME_POINT_AFTER.match(self.text, estimate.end):
            return self.refuse(_numbers(item), _TIME_POINT)
        if estimate.number < 0:
            return self.refuse(_numbers(item), _NEGATIVE_RATE)
        row = self.add(match, prefix, "rate", estimate, unit)
        row.ci = self._interval(match, part)
        # A p beside a rate compares it with something the clause does not print as a ratio: left unlinked.
        self._p(match, _first(part, "pvalue") if part is not None else None, None)

    def _read_rate_estimate(self, match: Match) -> None:
        items = sorted(match.tree.find_data("rate_item"), key=lambda tree: _tokens(tree)[0].start_pos)
        item = items[0]
        if _PERCENT_AFTER.match(self.text, _numbers(_child(item, "signed"))[0].end):
            # "the ARR fell by 64.6% in the first year": a relative change however far from the name
            return self.refuse(_numbers(match.tree), _PERCENT_NOT_RATIO)
        if self._loosely_named(match, "ARR", _child(item, "signed"), _first(item, "interval") is not None):
            return self.refuse(_numbers(match.tree), _UNTIED)
        before = self.text[self.sentence_of(match.start)[0]:match.start]
        if _MEDIAN_BEFORE.search(before):
            return self.refuse(_numbers(match.tree), _MEDIAN_RATE)
        if _AND_BEFORE.search(before) and {"were", "are"} & {str(t).lower() for t in _tokens(match.tree)}:
            return self.refuse(_numbers(match.tree), _LATER_SUBJECT)
        for item in items:
            self._rate(match, item, "arr")

    def _read_rate_per_patient_year(self, match: Match) -> None:
        self._rate(match, match.tree, "rate")

    def _read_rate_per_100(self, match: Match) -> None:
        label = _token_text(match.tree, "PER_100_PATIENT_YEARS")
        scale = re.search(r"1,?0+", label).group().replace(",", "")
        unit = {"100": "per_100_patient_years", "1000": "per_1000_patient_years"}.get(scale)
        if unit is None:
            return self.refuse(_numbers(match.tree), f"a rate per {scale} patient-years: the schema holds rates per "
                                                     "patient-year, per 100 and per 1000 only")
        self._rate(match, match.tree, "rate", unit)

    def _read_p_alone(self, match: Match) -> None:
        self._p(match, match.tree.children[0], None)

    def _read_p_list(self, match: Match) -> None:
        numbers = _numbers(match.tree)
        word = str(next(t for t in _tokens(match.tree) if t.type == "WORD")).lower()
        if word not in ("and", "or") or not all(n.decimals and n.number <= 1 for n in numbers):
            # "p = 0.02, 12 patients": the list does not go on as p values
            self.refuse(numbers[1:], "a number after a p value that the text does not print as another p")
            if not 0 <= numbers[0].number <= 1:  # "p = 0007, ...": a p printed without its "0."
                return self.refuse(numbers[:1], _P_OUTSIDE)
            return self.add(match, "p", "p", numbers[0], "p")
        for number in numbers:  # "p = 0.64, 0.92, and 0.82": one p each, each compared with what the text says
            self.add(match, "p", "p", number, "p")

    def _read_test_stat(self, match: Match) -> None:
        label = _token_text(match.tree, "TEST_LABEL")
        statistic = _TESTS[label]  # TEST_LABEL matches exactly the keys of _TESTS
        numbers = _numbers(match.tree)
        pvalue = _first(match.tree, "pvalue")
        p_numbers = _numbers(pvalue) if pvalue is not None else []
        ci_part = _first(match.tree, "ci_labelled")
        ci_numbers = _numbers(ci_part) if ci_part is not None else []
        own = [n for n in numbers if n not in p_numbers and n not in ci_numbers]
        degrees, value = own[:-1], own[-1]
        if ci_part is not None and (statistic != "r" or degrees or abs(value.number) > 1):
            # Only a correlation is printed with its CI alone, no degrees of freedom beside it
            self.refuse(own + ci_numbers, f"a {statistic} statistic printed with a CI: the schema holds a CI for a "
                                          "correlation printed without degrees of freedom only")
            return self._p(match, pvalue, None)
        if ci_part is not None:  # "r = 0.52, 95% CI 0.31-0.68": its CI is checked, its p needs the df it lacks
            interval = self._interval(match, ci_part)
            if interval is None:  # bounds the schema cannot hold (listed with their reason): no row holds the r
                self.refuse([value], "a correlation printed without degrees of freedom whose CI cannot be read")
                return self._p(match, pvalue, None)
            row = self.add(match, "r", statistic, value, "statistic")
            row.ci = interval
            return self._p(match, pvalue, row)
        wanted = {"F": 2, "z": 0}.get(statistic, 1)
        if len(degrees) != wanted:
            self.refuse(own, f"a {statistic} statistic printed with {len(degrees)} degrees of freedom where the "
                             f"schema needs {wanted}")
            return self._p(match, pvalue, None)
        if any(d.number <= 0 for d in degrees):
            self.refuse(own, f"a {statistic} statistic with degrees of freedom of 0 or less: the schema refuses them; "
                             "check it by hand")
            return self._p(match, pvalue, None)
        if (statistic in ("F", "chi2") and value.number < 0) or (statistic == "r" and abs(value.number) > 1):
            self.refuse(own, f"a {statistic} statistic out of its range: the schema refuses it; check it by hand")
            return self._p(match, pvalue, None)
        row = self.add(match, statistic.lower(), statistic, value, "statistic",
                       df=";".join(d.value for d in degrees) or None, df_printed=degrees)
        self._p(match, pvalue, row)

    # --- summaries of a sample
    def _variable(self, match: Match, unit: str | None) -> str | None:
        """The snake_case name of what a median or mean summarises: its filler words, else its unit."""
        words = [str(t).lower() for t in _tokens(_child(match.tree, "filler"))]  # every summary's rule has a filler
        if "not" in words or len(words) > 8:
            return None
        named = [w for w in words if w not in _CONNECTIVES]
        return self._unique_variable(re.sub(r"[^a-z0-9]+", "_", " ".join(named)).strip("_") or unit or "variable")

    def _unique_variable(self, name: str) -> str:
        """``name`` made a variable of its own: a letter first, and ``_2``, ``_3`` ... after a name already taken."""
        name = name if name[0].isalpha() else f"v_{name}"
        unique, k = name, 2
        while unique in self.variables:
            unique, k = f"{name}_{k}", k + 1
        self.variables.add(unique)
        return unique

    def _summary(self, match: Match, names: list[str], numbers: list[Printed], unit: str | None) -> None:
        unit = unit or "measure"  # a continuous value whose unit the sentence (the row's note) names, if anything
        variable = self._variable(match, unit)
        if variable is None:
            return self.refuse(numbers, "a summary whose variable the clause does not name clearly")
        for name, printed in zip(names, numbers, strict=True):
            self.add(match, f"{variable}_{name}", name, printed, unit, variable=variable)

    def _estimate_summary(self, match: Match, name: str, value: Printed, unit: str | None,
                          ci_part: Tree | None) -> None:
        """A mean or median read as an estimate: one row, holding its CI where ``ci_part`` prints one."""
        variable = self._variable(match, unit or "measure")
        if variable is None:
            numbers = _numbers(match.tree)
            return self.refuse(numbers, "a summary whose variable the clause does not name clearly")
        row = self.add(match, f"{variable}_{name}", name, value, unit or "measure", variable=variable)
        row.ci = self._interval(match, ci_part)
        return None

    def _respectively(self, match: Match, statistic: str, numbers: list[Printed], unit: str | None) -> None:
        """Values of one summary listed after its name and closed by "respectively" ("was 8 and 5 days,
        respectively"; the scan takes no other words between them): one row each, of the variable the clause
        names (the groups they belong to are in the row's note)."""
        for number in numbers:
            self._summary(match, [statistic], [number], unit)

    def _not_the_value(self, match: Match, number: Printed) -> str | None:
        """Why the first ``number`` after a summary's name is not its value, or None: a time point hyphened to its
        unit ("mean change to 24-weeks follow-up") or after a preposition ("median mRS at 3 months", "mean change at
        weeks 4, 8 and 12"), a part of a name ("25-hydroxy"), what a verb changed the summary by, or a count of
        people after "of" ("the median age of the 45 patients was 36")."""
        if _TIME_POINT_AFTER.match(self.text, number.end):
            return _TIME_POINT
        if _NAME_PART_AFTER.match(self.text, number.end):
            return _NAME_PART
        if self._changed_by(match, number):
            return _CHANGE_OF_SUMMARY
        lead = self.text[match.start:number.start]
        if (_TIME_PREPOSITION_BEFORE.search(lead) and _DURATION_AFTER.match(self.text, number.end)
                or _TIME_WORD_BEFORE.search(lead)):
            return _TIME_POINT
        if _GROUP_OF_BEFORE.search(lead) and _PEOPLE_AFTER.match(self.text, number.end):
            return "a count of people inside the name of a summary (\"the median age of the 45 patients\")"
        return None

    def _read_median(self, match: Match) -> None:
        numbers = _numbers(match.tree)
        if _FRACTION_AFTER.match(self.text, numbers[0].end):
            return self.refuse(numbers, "a fraction (a Snellen acuity \"20/100\", a score out of its maximum), not "
                                        "the median's value")
        if reason := self._not_the_value(match, numbers[0]):
            return self.refuse(numbers, reason)
        if _VALUE_TIED_AFTER.match(self.text, match.end):
            # "median time to EDSS 6 was 20 years": the number belongs to the name; the median is tied after it
            return self.refuse(numbers, "a number inside the name of a median (a score or time point), whose value "
                                        "follows")
        units = [_unit(u) for u in match.tree.find_data("unit")]
        unit = next((u for u in units if u is not None), None)
        if _first(match.tree, "respectively") is not None:
            return self._respectively(match, "median", numbers, unit)
        if "VS" in (t.type for t in _tokens(match.tree)):  # "median: 19 days vs 20 days": one median per group
            for number in numbers:
                self._summary(match, ["median"], [number], unit)
            return None
        labels = list(match.tree.find_data("arm_label"))
        if labels:  # "was 2.5 (placebo), 2.5 (drug 800 mg) and 2.4 (drug 1200 mg)": one median per arm
            in_labels = [n for label in labels for n in _numbers(label)]
            self.refuse(in_labels, "a number inside an arm's label (a dose or a group's name)")
            for number in (n for n in numbers if n not in in_labels):
                self._summary(match, ["median"], [number], unit)
            return None
        ci_part = _first(match.tree, "median_ci")
        if ci_part is not None:  # a median with its CI, as an estimate: one row holding both bounds
            return self._estimate_summary(match, "median", numbers[0], unit, ci_part)
        label = _token_text(match.tree, "IQR")
        spread = ["q1", "q3"] if label is not None else ["min", "max"]
        if len(numbers) == 3 and not (numbers[1].number <= numbers[2].number):
            return self.refuse(numbers, "a range or IQR in reverse order: check it by hand")
        self._summary(match, ["median", *spread][:len(numbers)], numbers, unit)

    def _read_mean_sd(self, match: Match) -> None:
        numbers = _numbers(match.tree)
        units = [_unit(u) for u in match.tree.find_data("unit")]
        unit = next((u for u in units if u is not None), None)
        tokens = [t.type for t in _tokens(match.tree)]
        ci_part = _first(match.tree, "median_ci")
        if reason := self._not_the_value(match, numbers[0]):
            return self.refuse(numbers, reason)
        if _MEDIAN_SLASH_BEFORE.search(self.text, self.sentence_of(match.start)[0], match.start):
            # "Median/mean mRS and CASE were 4 (IQR=3-5) and 12.7 (SD=7)": which number is which, the pairing says
            return self.refuse(numbers, "a median and a mean named together (\"median/mean\"): which value is "
                                        "which, the text pairs by position; check it by hand")
        lead = self.text[match.start:numbers[0].start]
        pvalue = _first(match.tree, "pvalue")
        own = [n for n in numbers if pvalue is None or n not in _numbers(pvalue)]
        if _DIFFERENCE_NAME.search(lead):
            return self._mean_difference(match, own, pvalue, unit)
        if _PERCENT_AFTER.match(self.text, numbers[0].end) and _CHANGE_VERB_BEFORE.search(
                self.text[self.sentence_of(match.start)[0]:numbers[0].start]):
            # "Mean ALC declined 28.7%": the relative change of a mean, not the mean
            self.refuse(own, "a difference or change printed in percent (\"risk difference 4.9%\"): not a share of a "
                             "total")
            return self._p(match, pvalue, None)
        if _DETERMINER_BEFORE.search(lead):
            self.refuse(own, "a number inside the name of a mean (\"over the 4 cycles\"), whose value follows")
            return self._p(match, pvalue, None)
        if _COMPARATIVE_AFTER.match(self.text, numbers[0].end):
            if _first(match.tree, "interval") is not None:  # "1.48 points lower (95% CI, 0.34-2.61, p=0.02)"
                return self._mean_difference(match, own, pvalue, unit)
            self.refuse(own, "a difference between groups (\"1.5 points lower\"), not the mean named before it")
            return self._p(match, pvalue, None)
        if "VS" in tokens:  # "mean change 0.41 vs 0.90, P<0.001": one mean per group, the p comparing them alone
            for number in own:
                self._summary(match, ["mean"], [number], unit)
            return self._p(match, pvalue, None)
        if pvalue is not None or own[0].number < 0:
            # "mean change 0.85 (95% CI 0.80-0.90; p<0.001)": a mean with its CI; the p tests some difference
            # the text does not name (the change from baseline, or the change against the other arm's).
            # A signed mean is a change, which the schema holds as a difference (from baseline) with its CI.
            if own[0].number < 0 and _CHANGE_NAMED.search(lead):
                self._difference(match, own[0], match.tree, None)
            elif own[0].number < 0:
                self.refuse(own, "a signed mean that the text does not name a change or a difference")
            else:
                self._estimate_summary(match, "mean", own[0], unit, match.tree)
            return self._p(match, pvalue, None)
        if _first(match.tree, "respectively") is not None:
            return self._respectively(match, "mean", numbers, unit)
        if len(numbers) == 1 or ci_part is not None:  # a mean alone, or with its CI
            if _VALUE_TIED_AFTER.match(self.text, match.end):
                return self.refuse(numbers, "a number inside the name of a mean (a score or time point), whose "
                                            "value follows")
            if _SPREAD_AFTER.match(self.text, match.end):
                return self.refuse(numbers, "a mean whose SD, second value or rest follows in a form the grammar "
                                            "does not read (± -1.0, (SE 0.4), 138/82, 8 years and 9 months)")
            return self._estimate_summary(match, "mean", numbers[0], unit, ci_part)
        if "PM" not in tokens and "SD" not in tokens:
            return self.refuse(numbers, "a number in brackets after a mean that the text does not name an SD")
        self._summary(match, ["mean", "sd"], numbers, unit)  # the grammar reads an SD as a NUMBER: never signed

    def _read_difference_estimate(self, match: Match) -> None:
        """"(absolute difference 0.10, 95% CI -0.07 to 0.27; p = 0.25)": a difference between groups with its CI, the
        p beside it tied to it (the audit's symmetry and Wald checks of a difference); without a CI it checks
        nothing and stays unread. Words may stand between the name and its number where they end in a tie
        ("the treatment difference at week 12 was -1.5 (...)"), as for a ratio."""
        signed = _child(match.tree, "signed")
        if self._loosely_named(match, "DIFFERENCE", signed, _first(match.tree, "interval") is not None):
            return self.refuse(_numbers(match.tree), _UNTIED)
        estimate = Printed.of(_tokens(signed))
        part = _first(match.tree, "ci_part")
        pvalue = _first(match.tree, "pvalue")
        if _first(part, "interval") is None:
            held = set(_numbers(pvalue)) if pvalue is not None else set()
            self.refuse([n for n in _numbers(match.tree) if n not in held], "a difference between groups without "
                                                                              "its CI (it checks nothing)")
            return self._p(match, pvalue, None)
        self._difference(match, estimate, part, pvalue)

    def _difference(self, match: Match, estimate: Printed, part: Tree, pvalue: Tree | None,
                    unit: str = "measure") -> None:
        """A difference's row with the CI ``part`` holds, and the p beside it tied to it."""
        row = self.add(match, "md", "difference", estimate, unit)
        row.ci = self._interval(match, part)
        self._p(match, pvalue, row)

    def _mean_difference(self, match: Match, numbers: list[Printed], pvalue: Tree | None, unit: str | None) -> None:
        """"mean difference 1.86 (95% CI 0.30-3.43, p=0.05)": a difference between groups with its CI, the p
        beside it tied to it (the audit's Wald checks of a difference). Without a CI, or with an SD, it checks
        nothing and stays unread."""
        interval = _first(match.tree, "interval")
        tokens = {t.type for t in _tokens(match.tree)}
        if _PERCENT_AFTER.match(self.text, numbers[0].end):
            self.refuse(numbers, "a difference or change printed in percent (\"risk difference 4.9%\"): not a share "
                                 "of a total")
            return self._p(match, pvalue, None)
        if interval is None or tokens & {"SD", "PM"}:
            self.refuse(numbers, "a mean difference between groups without its CI (it checks no mean)")
            return self._p(match, pvalue, None)
        return self._difference(match, numbers[0], match.tree, pvalue, unit or "measure")

    def _read_mean_sd_list(self, match: Match) -> None:
        pairs = list(match.tree.find_data("sd_pair")) or list(match.tree.find_data("pm_pair"))
        if len(pairs) == 1:  # "mean ± SD age was 7±3.7 years": one mean and its SD
            return self._read_mean_sd(match)
        for pair in self._listed_items(pairs):  # one variable per item: "age", "age_2", ... (groups in the note)
            self._summary(match, ["mean", "sd"], _numbers(pair), self._pair_unit(match, pair))

    def _listed_items(self, pairs: list[Tree]) -> list[Tree]:
        """The items of a list of means up to the first that follows a clause of its own, the rest refused. Between
        two items only words naming the next item ("in the placebo group,", "and", "vs", "to"): at most a few, with
        no verb that would open a clause of its own ("and the rate was 0.2 ± 0.1")."""
        starts = [_tokens(pair)[0].start_pos for pair in pairs]
        ends = [_tokens(pair)[-1].end_pos for pair in pairs]
        gaps = [self.text[end:start] for end, start in zip(ends, starts[1:])]
        kept = next((i + 1 for i, gap in enumerate(gaps)
                     if len(re.findall(r"[^\W\d_]+", gap)) > _MOST_LIST_GAP_WORDS or _VERB_IN_GAP.search(gap)),
                    len(pairs))
        self.refuse([n for pair in pairs[kept:] for n in _numbers(pair)], "a mean and SD after a clause of its own "
                    "in a list of means: which mean it is, the text does not say plainly")
        return pairs[:kept]

    @staticmethod
    def _pair_unit(match: Match, pair: Tree) -> str | None:
        units = [_unit(u) for u in pair.find_data("unit")] + [_unit(u) for u in match.tree.find_data("unit")]
        return next((u for u in units if u is not None), None)

    def _read_pm_list(self, match: Match) -> None:
        before = self.text[self.sentence_of(match.start)[0]:match.start]
        self._bare_means(match, _name_before(before) or "measure")

    def _read_rate_means(self, match: Match) -> None:
        self._bare_means(match, "arr")

    def _bare_means(self, match: Match, name: str) -> None:
        """Means printed as "a ± b" without the word mean, each pair one variable ``name``, ``name_2``, ...: the
        spread an SD unless the sentence names an SE (then only the means are read: the schema holds no SE), or,
        named in neither way in the sentence, the text names an SE elsewhere (which of the two, it leaves open).
        A p after the pairs compares them; it stays unlinked, as beside a rate."""
        begin, end = self.sentence_of(match.start)
        sentence = self.text[begin:end]
        spread_is_sd = not _SE_NAMED.search(sentence) and (_SD_NAMED.search(sentence)
                                                           or not _SE_NAMED.search(self.text))
        previous_end = None
        for pair in match.tree.find_data("pm_pair"):
            mean, spread = _numbers(pair)
            if previous_end is not None:
                gap = self.text[previous_end:mean.start]
                if len(re.findall(r"[^\W\d_]+", gap)) > _MOST_LIST_GAP_WORDS or _VERB_IN_GAP.search(gap):
                    # "..., and the EDSS score decreased from 3.43 ± 1.49": a clause of its own names the next means
                    name = _name_before(gap) or name
            previous_end = spread.end
            if mean.number < 0 or _DIFFERENCE_NAME.search(self.text[begin:mean.start].split(";")[-1]):
                self.refuse([mean, spread], "a signed mean or a difference with its spread (a change from baseline, "
                                            "a difference between groups): check it by hand")
                continue
            unit = self._pair_unit(match, pair) or "measure"
            variable = self._unique_variable(name)
            self.add(match, f"{variable}_mean", "mean", mean, unit, variable=variable)
            if spread_is_sd:
                self.add(match, f"{variable}_sd", "sd", spread, unit, variable=variable)
            else:
                self.refuse([spread], "a spread after ± that the text names a standard error, or leaves open "
                                      "between an SD and an SE: the schema holds SDs only")
        self._p(match, _first(match.tree, "pvalue"), None)

    def _read_mean_arms(self, match: Match) -> None:
        arms = list(match.tree.find_data("arm_mean"))
        variable = self._variable(match, None)
        if variable is None:
            numbers = [n for arm in arms for n in _numbers(arm)]
            self.refuse(numbers, "a summary whose variable the clause does not name clearly")
        else:
            self.variables.discard(variable)
            for arm in arms:  # one variable per arm: "mean increase: A=0.77; B=1.09" is two means, not one
                name = f"{variable}_{re.sub(r'[^a-z0-9]+', '_', str(arm.children[0]).lower()).strip('_')}"
                self.variables.add(name)
                self.add(match, f"{name}_mean", "mean", _numbers(arm)[0], "measure", variable=name)
        # the p compares the arms' means; left unlinked, as beside a rate
        self._p(match, _first(match.tree, "pvalue"), None)
