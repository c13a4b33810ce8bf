"""Clinical concepts shared by goals and problems: what makes a goal relevant to a plan.

A goal is relevant when it works on the problem the plan is for. "Reduce nightmares" and
"PTSD" share no word, but both belong to trauma; the table maps the words, instruments
and ICD-10-CM code families of each concept, so the two can be matched. Each concept
also carries an example behavior and measure that suggestions use in a rewrite.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .spans import DIGIT, Span, literal_starts, word_pattern, word_starts, words_of


@dataclass(frozen=True, slots=True)
class Concept:
    """A clinical area: its words, its instruments, an example behavior and measure."""

    name: str
    words: re.Pattern[str]
    starts: frozenset[str] | None  # how its words can begin; None: it cannot tell
    instruments: frozenset[str]
    codes: tuple[str, ...]
    behavior: str
    measure: str | None


def _concept(
    name: str,
    words: str,
    instruments: str,
    codes: str,
    behavior: str,
    measure: str | None = None,
) -> Concept:
    pattern = word_pattern(words, flags=re.IGNORECASE, suffix=r"[\w'\u2019-]*")
    return Concept(
        name,
        pattern,
        literal_starts(words),
        frozenset(instruments.split()),
        tuple(codes.split()),
        behavior,
        measure,
    )


# Example measures use the usual cut-offs for "not a case": PHQ-9 and GAD-7 below 10
# (Kroenke 2001; Spitzer 2006), PCL-5 below 33 (Bovin 2016), AUDIT below 8 (Babor 2001).
# See trellis/data/instruments. Where Trellis ships no instrument (the ISI, the Y-BOCS) the
# example is one the client's own log can show, so a suggestion never names a measure the
# clinician cannot give here: sleep onset within 30 minutes, the usual bound for
# sleep-onset insomnia in sleep diaries (Buysse 2006, Sleep 29:1155), and compulsions under
# the hour a day that DSM-5 (300.3, criterion B) takes as time-consuming.
CONCEPTS: Mapping[str, Concept] = MappingProxyType(
    {
        concept.name: concept
        for concept in (
            _concept(
                "depression",
                r"depress|mood\b|sad|hopeless|anhedoni|dysthymi|postpartum|pleasant\s+activit"
                r"|enjoy|tearful|worthless|low\s+mood|feel(?:ing)?\s+(?:so\s+)?down|get\s+out\s+of\s+bed"
                r"|behavioral\s+activation|isolat|activities|rumina|cognitive\s+restructuring"
                r"|thought\s+records?|negative\s+(?:automatic\s+)?thoughts|self-critic",
                "PHQ-9 PHQ-2 PHQ-A BDI-II EPDS CDI-2 MADRS HAM-D DASS-21 WHO-5",
                "F32 F33 F34.1 F53 F06.3",
                "do one planned pleasant activity a day",
                "PHQ-9 below 10",
            ),
            _concept(
                "anxiety",
                r"anxi|worr|nervous|panic|fear|afraid|scared|phobi|avoid|reassurance|agoraphob"
                r"|social\s+(?:anxiety|situations|interactions)|tense|on\s+edge|calm|relax"
                r"|breathing|exposure|uncertainty|cop(?:e|ing)\b|rumina|cognitive\s+restructuring|thought\s+records?"
                r"|cognitive\s+distortions?|thinking\s+traps?|catastroph|what-?ifs?|challeng\w*\s+"
                r"(?:(?:\w+\s+)?thoughts|beliefs)|worry\s+time|intolerance\s+of\s+uncertainty",
                "GAD-7 GAD-2 PSWQ BAI SPIN PDSS SUDS HAM-A SCARED RCADS DASS-21",
                "F40 F41 F93.0",
                "go into one avoided situation a week",
                "GAD-7 below 10",
            ),
            _concept(
                "trauma",
                r"trauma|PTSD|post-?traumatic|nightmare|flashback|assault|abuse|accident|combat"
                r"|veteran|hypervigil|dissociat|startle|grounding|impact\s+statement"
                r"|cognitive\s+processing|prolonged\s+exposure|EMDR",
                "PCL-5 CAPS-5",
                "F43.1 F43.10 F43.11 F43.12 F44",
                "use a grounding skill when a flashback starts",
                "PCL-5 below 33",
            ),
            _concept(
                "ocd",
                r"obsess|compuls|OCD|ritual|checking|check\s+the|wash|contaminat|ERP|intrusive"
                r"|reassurance|mental\s+review",
                "Y-BOCS CY-BOCS OCI-R",
                "F42",
                "delay a compulsion by 15 minutes",
                "compulsions taking under 1 hour a day in a daily log",
            ),
            _concept(
                "substance",
                r"alcohol|drink|drunk|sober|sobriety|abstin|abstain|relapse|crav|substance"
                r"|cannabis|marijuana|opioid|heroin|meth|cocaine|fentanyl|drug|clean\b|sponsor"
                r"|12-step|twelve-step|AA\b|NA\b|urine|cigarette|smok|vap|nicotine|tobacco"
                r"|gambl|addict|use\s+disorder",
                "AUDIT AUDIT-C DAST-10",
                "F10 F11 F12 F13 F14 F15 F16 F17 F18 F19 F63.0",
                "count drinking days each week",
                "AUDIT below 8",
            ),
            _concept(
                "adhd",
                r"ADHD|attention|focus|inattent|hyperactiv|impulsiv|distract|procrastinat"
                r"|organi[sz]|planner|homework|assignment|forget|seated|interrupt|reminder"
                r"|time\s+management",
                "ASRS Vanderbilt",
                "F90",
                "use a planner every school day",
            ),
            _concept(
                "eating",
                r"eating|anorexi|bulimi|binge|purg|meal|snack|food|weight|weigh|body\s+image"
                r"|body\s+checking|restrict|laxative|ARFID",
                "EDE-Q",
                "F50",
                "eat three meals and two snacks a day",
            ),
            _concept(
                "grief",
                r"grie[fv]|bereave|loss|death|died|passed\s+away|late\s+(?:husband|wife|son"
                r"|daughter|mother|father|brother|sister)|mourn|grave|widow|funeral",
                "",
                "F43.81 Z63.4",
                "spend 10 minutes twice a week on planned grief work",
            ),
            _concept(
                "relationship",
                r"couple|partner|marri|marital|spouse|husband|wife|communicat|argu|fight"
                r"|conflict|trust|intima|date\s+night|appreciation|I['\u2019]?\s+statement|divorce"
                r"|disagree",
                "DAS",
                "Z63.0 Z63.1 Z63.5",
                "hold a 20-minute check-in three times a week",
            ),
            _concept(
                "family",
                r"famil|parent|mom|dad|mother|father|sibling|sister|brother|son\b|daughter"
                r"|stepfamil|household|house\s+rules|discipline|praise",
                "",
                "Z62 Z63.8 Z63.9",
                "eat dinner together four nights a week",
            ),
            _concept(
                "child_behavior",
                r"tantrum|oppositional|defian|ODD|conduct|disrupt|teacher|classroom|follow"
                r"\s+instructions|listen|hitting|time-?out|school\s+refusal|separat|drop-?off"
                r"|in\s+trouble",
                "SDQ",
                "F91 F93 F94",
                "follow instructions the first time in 7 of 10 chances",
            ),
            _concept(
                "psychosis",
                r"schizo|psychos|psychotic|voices|hallucinat|delusion|paranoi|antipsychotic"
                r"|day\s+program|hospitali[sz]|case\s+manager|warning\s+signs",
                "BPRS PANSS",
                "F20 F21 F22 F23 F24 F25 F28 F29",
                "take medication as prescribed every day",
            ),
            _concept(
                "bipolar",
                r"bipolar|mania|manic|hypomani|mood\s+stabili|sleep\s+schedule|lithium",
                "YMRS",
                "F30 F31 F34.0",
                "keep a regular sleep schedule seven nights a week",
            ),
            _concept(
                "sleep",
                r"sleep|insomnia|bed(?:time)?\b|nap|awaken|wake|nightmare|caffeine",
                "ISI",
                "F51 G47",
                "go to bed at the same time every night",
                "falling asleep within 30 minutes on 5 nights a week in a sleep diary",
            ),
            _concept(
                "anger",
                r"anger|angry|irritab|temper|outburst|aggress|rage|yell|hit\b|hitting|time-?out"
                r"|frustrat",
                "",
                "F63.81",
                "take a 10-minute time-out when anger rises",
            ),
            _concept(
                "self_harm",
                r"self[- ]harm|self[- ]injur|cutting|cut\s+myself|suicid|safety\s+plan|crisis"
                r"|988|reasons\s+for\s+living|NSSI",
                "C-SSRS ASQ",
                "R45.851 R45.88 T14.91 F60.3",
                "use a safety-plan skill when urges come",
            ),
            _concept(
                "stress",
                r"stress|overwhelm|burn-?out|adjustment|cop(?:e|ing)|relax|mindful",
                "K10 DASS-21",
                "F43.2",
                "practice a relaxation skill for 10 minutes a day",
                "K10 below 20",
            ),
            _concept(
                "social",
                r"social|friend|lonel|isolat|classmate|conversation|eye\s+contact|interaction"
                r"|gathering|peers",
                "SPIN",
                "F40.1 F93.0 Z60.4",
                "start one conversation with a classmate a week",
            ),
            _concept(
                "treatment",
                r"therapy|therapist|sessions?\b|appointments?\b|counsel|treatment|homework",
                "",
                "",
                "attend every scheduled session",
            ),
            _concept(
                "medication",
                r"medication|meds\b|pills|prescri|antidepressant|antipsychotic|adheren",
                "",
                "",
                "take medication as prescribed every day",
            ),
            _concept(
                "function",
                r"\bjob|employ|unemploy|(?:return\w*|go\w*|back)\s+to\s+work|workplace|school|GED"
                r"|graduat|housing|independen|bills|attendance",
                "",
                "Z56 Z55 Z59",
                "apply for two jobs a week",
            ),
        )
    }
)
# Taking part in treatment (sessions, therapy, appointments) serves every problem, so it
# never shows that a goal is relevant to one, nor what a goal is about.
GENERIC = frozenset(["treatment"])
# Taking medication as prescribed serves whatever the prescription is for.
ANY_PROBLEM = frozenset(["medication"])
# What each instrument the concepts know measures, in words, for "the ASQ is a
# suicide-risk screener, not a measure of anxiety".
MEASURES: Mapping[str, str] = MappingProxyType(
    {
        "ASQ": "a suicide-risk screener",
        "C-SSRS": "a suicide-risk rating scale",
        "PHQ-9": "a depression measure",
        "PHQ-2": "a depression screener",
        "PHQ-A": "a depression measure for adolescents",
        "BDI-II": "a depression inventory",
        "EPDS": "a postnatal depression scale",
        "GAD-7": "an anxiety measure",
        "GAD-2": "an anxiety screener",
        "PSWQ": "a worry questionnaire",
        "BAI": "an anxiety inventory",
        "PCL-5": "a PTSD checklist",
        "CAPS-5": "a PTSD interview",
        "AUDIT": "an alcohol-use screen",
        "AUDIT-C": "an alcohol-use screen",
        "DAST-10": "a drug-use screen",
        "Y-BOCS": "an OCD severity scale",
        "ISI": "an insomnia measure",
        "EDE-Q": "an eating-disorder measure",
        "K10": "a psychological-distress measure",
        "WHO-5": "a well-being index",
        "PANSS": "a psychosis rating scale",
        "BPRS": "a psychiatric symptom rating scale",
        "YMRS": "a mania rating scale",
    }
)
_CODE = re.compile(r"\b[A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?\b")


def names_in(text: str, instruments: tuple[str, ...] = ()) -> Iterator[str]:
    """The names of the concepts ``text`` touches, in table order, found lazily: a caller
    that wants only the first stops the search there."""
    codes = _CODE.findall(text) if DIGIT in words_of(text) else []
    starts = word_starts(text)
    for concept in CONCEPTS.values():
        if _touches(concept, text, starts, codes, instruments):
            yield concept.name


def _touches(
    concept: Concept,
    text: str,
    starts: frozenset[str],
    codes: list[str],
    instruments: tuple[str, ...],
) -> bool:
    gated = concept.starts is None or not concept.starts.isdisjoint(starts)
    if gated and concept.words.search(text):
        return True
    if codes and concept.codes and any(code.startswith(concept.codes) for code in codes):
        return True
    return bool(instruments and concept.instruments.intersection(instruments))


def concepts_in(text: str, instruments: tuple[str, ...] = ()) -> dict[str, list[Span]]:
    """The concepts ``text`` touches, each with the words (or codes) that show it."""
    found: dict[str, list[Span]] = {}
    codes = [Span.of(match) for match in _CODE.finditer(text)]
    starts = word_starts(text)
    for concept in CONCEPTS.values():
        spans = (
            [Span.of(match) for match in concept.words.finditer(text)]
            if concept.starts is None or not concept.starts.isdisjoint(starts)
            else []
        )
        spans += [span for span in codes if span.text.startswith(concept.codes)]
        if instruments and concept.instruments.intersection(instruments):
            spans.append(Span(0, 0, next(i for i in instruments if i in concept.instruments)))
        if spans:
            found[concept.name] = spans
    return found
