"""The words that make a goal specific, and the words that only name a feeling.

Specific means the goal names something a person could see or count: a behavior ("call a
friend"), a symptom ("panic attacks"), a skill or tool ("thought record"), a place faced
("the supermarket"). Verbs are listed with their forms spelled out, because a loose stem
would match the wrong word ("sit" in "situations"). Settings alone ("at work", "at
school") are left out on purpose: "feel less nervous at work" is still only a feeling.

Single words are looked up in a set (one pass over the words: the analyzer runs on every
keystroke); only phrases and stems go through a regular expression.
"""

from __future__ import annotations

import re

from .numbers import NUMBER
from .spans import Span, find_all, word_pattern, words_of


def _verb(base: str, *irregular: str) -> set[str]:
    """A verb in its usual forms: walk, walks, walked, walking (+ irregular ones)."""
    stem = base[:-1] if base.endswith("e") else base
    double = base + base[-1] if re.search(r"[^aeiou][aeiou][bdgmnprt]$", base) else base
    forms = {base, f"{base}s", f"{base}es", f"{stem}ed", f"{stem}ing", f"{double}ing"}
    forms |= {f"{double}ed", *irregular}
    if base.endswith("y"):
        forms |= {f"{base[:-1]}ies", f"{base[:-1]}ied"}
    return forms


_REGULAR_VERBS = (
    "walk jog exercise shower cook nap smoke vape gamble call phone text email talk ask "
    "attend visit join enroll apply submit graduate rank schedule post touch wash weigh "
    "purge binge restrict yell scream argue interrupt cry isolate avoid volunteer paint "
    "meditate breathe praise verbalize journal list check stretch play listen sort "
    "separate dress raise interview babysit garden draw hit cut read arrive throw "
    "complete finish resist thank invite greet introduce hug brush bathe clean tidy bake "
    "shop knit sew pray rehearse describe budget"
)
_IRREGULAR_VERBS = (
    ("eat", "ate", "eaten"),
    ("sleep", "slept"),
    ("wake", "woke", "woken"),
    ("drink", "drank", "drunk"),
    ("speak", "spoke", "spoken"),
    ("tell", "told"),
    ("bring", "brought"),
    ("ride", "rode", "ridden"),
    ("drive", "drove", "driven"),
    ("write", "wrote", "written"),
    ("run", "ran"),
    ("swim", "swam"),
    ("sit", "sat"),
    ("leave", "left"),
    ("fight", "fought"),
    ("throw", "threw", "thrown"),
)
# Nouns for behaviors, symptoms, skills, tools and places: a goal that names one is specific.
_NOUNS = (
    # activities and daily life
    "activity activities hobby hobbies painting conversation conversations presentation "
    "presentations friend friends classmates peers coworkers sponsor meeting meetings group "
    "groups appreciation appreciations discipline routine routines chores homework assignment "
    "assignments tasks bills job jobs ged housing apartment medication medications meds "
    "antipsychotic antipsychotics pills urine hospitalization hospitalizations hospitalisation "
    "meal meals snack snacks breakfast lunch dinner weight bed beds bedtime sleepover seated "
    "break breaks gym yoga grave photo photos letter letters outside outdoors park parks "
    "nature church temple mosque synagogue worship memorial funeral appointment appointments "
    "doctor dentist timer timers warning warnings consequences reward rewards compliment "
    "compliments firearm firearms gun guns weapon weapons screen screens "
    # places faced
    "grocery groceries supermarket mall bus train highway restaurant cafe crowded elevator "
    "elevators plane planes locks stove mirror "
    # substances and habits
    "drug drugs cannabis marijuana weed opioid opioids heroin meth methamphetamine cocaine "
    "fentanyl cigarette cigarettes nicotine tobacco caffeine coffee gambling gaming online "
    "phone sober sobriety abstinence abstinent abstain abstains abstaining working "
    # symptoms
    "worry worries worrying nightmare nightmares flashback flashbacks voices delusion "
    "delusions manic mania episode episodes rumination ruminating obsession obsessions "
    "compulsion compulsions ritual rituals reassurance checking handwashing avoidance "
    "cutting urge urges crave craves craving cravings binges bingeing purging laxative "
    "laxatives tantrum tantrums outburst outbursts meltdown meltdowns aggression insomnia "
    "awakening awakenings disruption disruptions argument arguments fight fights conflict "
    "conflicts disagreement disagreements hitting relapse triggers "
    # skills and tools
    "worksheet worksheets diary diaries journals log logs planner planners calendar calendars "
    "reminder reminders alarm alarms chart charts exposure exposures erp hierarchy hierarchies "
    "imaginal breathing grounding mindfulness meditation relaxation dbt cbt emdr cpt hotline "
    # concrete things done or made: "finish the first workbook chapter", "share one memory"
    "workbook workbooks chapter chapters handout handouts memory memories narrative "
    "party parties club clubs store stores class classes budget pmr etoh si ba grp iop "
    # outings one plans or goes on: "plan one outing with his wife each weekend"
    "outing outings trip trips excursion excursions "
    # things said aloud that can be counted: insults, swearing
    "insult insults swearing cursing"
)
WORDS = frozenset(
    {*_NOUNS.split()}
    | {form for word in _REGULAR_VERBS.split() for form in _verb(word)}
    | {form for forms in _IRREGULAR_VERBS for form in _verb(*forms)}
)
_PHRASES = (
    r"\b(?<!in\s)order(?:s|ed|ing)?\b",
    r"\b(?:go|goes|going|went|gone)\s+(?:to|on|out|through|back)\b",
    r"\b(?:return|returns|returning|get|gets|getting)\s+(?:back\s+)?to\s+"
    r"(?:(?:part|full)-?time\s+)?(?:work|school|class|college|driving|the\s+gym)\b",
    r"\bget(?:s|ting)?\s+(?:out\s+of\s+bed|up|dressed)\b|\bpay(?:s|ing)?\s+attention\b",
    r"\bsay(?:s|ing)?\s+no\b|\bspeak(?:s|ing)?\s+up\b|\bin\s+trouble\b",
    r"\bfollow(?:s|ing)?\s+(?:the\s+)?(?:instructions|directions|rules|house\s+rules)\b",
    r"\bmissed\s+(?:school|class|work)\b|\bstay(?:s|ing)?\s+clean\b|\beye\s+contact\b",
    r"\bthings\s+I\s+(?:used\s+to\s+)?enjoy(?:ed)?\b|\bsocial\s+(?:interactions?|contacts?"
    r"|activities|events|outings|media)\b|\bspend(?:s|ing)?\s+time\s+with\b",
    r"\bdate\s+nights?\b|\bhouse\s+rules\b|\bcase\s+manager\b",
    r"\bday\s+program\b|\bdrug\s+screens?\b|\bfear\s+foods?\b|\bdrop-?off\b|\bcircle\s+time\b",
    r"\btime-?outs?\b|\bthe\s+house\b|\bdoor\s+handles\b|\bvideo\s+games\b|\bscreen-free\b",
    r"\bpractice\s+test\b|\bphysical\s+activit(?:y|ies)\b|\bon[- ]task\b|\boff[- ]task\b",
    r"\bon\s+time\b|\bcalm-down\b|\blethal\s+means\b|\bself[- ](?:harm|injur)\w*",
    r"\b(?:procrastinat|panick?|hypervigilan|dissociat|hallucinat|paranoi|contaminat)\w*",
    r"\bhand\s+washing\b|\bmental\s+review\w*|\bbody\s+checking\b|\bwarning\s+signs\b",
    r"\breasons\s+for\s+living\b|\b(?:intrusive|negative|automatic|suicidal|paranoid|racing"
    r"|self-critical|critical|catastrophic|catastrophizing|distorted|unhelpful|hopeless"
    r"|obsessive|anxious|worry)\s+(?:thoughts|thinking|beliefs|memories|images|ideation"
    r"|statements|comments|remarks)\b",
    r"\bcognitive\s+distortions?\b|\bthinking\s+traps?\b|\bcore\s+beliefs?\b",
    r"\bcognitive\s+restructuring\b|\bproblem[- ]solving\b|\bworry\s+postponement\b",
    r"\bside\s+effects\b|\bhand(?:s|ed|ing)?\s+in\b|\bpermission\s+slips?\b",
    r"\bthought\s+records?\b|\bin\s+vivo\b|\b(?:diaphragmatic|deep|paced|box)\s+breathing\b",
    r"\bopposite\s+action\b|\bdistress\s+tolerance\b|\bemotion\s+regulation\b",
    r"\bcognitive\s+processing\b|\bprolonged\s+exposure\b|\bbehavioral\s+activation\b",
    r"\bI['\u2018\u2019]?\s+statements?\b|\bcoping\s+cards?\b|\bsafety\s+plans?\b",
    r"\bcrisis\s+(?:line|plan|contacts?)\b|\brelapse\s+prevention\b|\bworry\s+time\b",
    r"\bimpact\s+statement\b|\bfeelings\s+chart\b",
    # A counted skill is a concrete act: "practice two symptom-management skills", "name
    # three grounding skills aloud" (but "use healthy coping skills" counts nothing).
    rf"\b(?:practi[cs]e|use|name|list|demonstrate|teach|show|identify|write|try|learn)\w*\s+"
    rf"(?:{NUMBER})\s+(?:new\s+)?(?:[\w-]+\s+){{0,2}}?(?:skills?|strategies|techniques|tools)\b",
    # Naming, listing or identifying a counted thing is a concrete act: "identify 3
    # high-risk situations", "name 3 feelings".
    rf"\b(?:identif(?:y|ies|ied|ying)|name[sd]?|naming|list(?:s|ed|ing)?|writ(?:e|es|ing)\s+down"
    rf"|describ(?:e|es|ing))\s+(?:{NUMBER})\s+[\w-]+",
    r"\bfollow(?:s|ing)?\s+(?:[\w-]+\s+){0,2}(?:instructions|directions|rules|routines?|plans?)\b",
    r"\bas\s+prescribed\b",
    r"\btak(?:e|es|ing|en)\s+(?:his\s+|her\s+|their\s+|my\s+)?[\w-]+(?=\s+(?:daily|nightly|every|each"
    r"|twice|once|at\s+bedtime|in\s+the\s+(?:morning|evening)))",
    r"\bmiss(?:es|ed|ing)?\s+(?:any\s+|no\s+)?(?:sessions?|appointments?|visits?|doses?|school"
    r"|class(?:es)?|work)\b",
)
PHRASES = word_pattern(*_PHRASES, flags=re.IGNORECASE)
# Phrases that need a word most statements lack, tried only when that word is there.
_GATED = (
    # Staying out of a place one can be admitted to is a behavior with a record: "stay out
    # of the hospital", "remain out of jail".
    (
        "out",
        word_pattern(
            r"\b(?:stay|stays|stayed|staying|remain|remains|remained|remaining|keep|keeps|kept"
            r"|keeping)\s+out\s+of\s+(?:the\s+)?(?:hospital|psych\s+unit|ER|jail|prison"
            r"|detention)\b",
            flags=re.IGNORECASE,
        ),
    ),
    # A check-in one holds is a meeting, like a conversation: "hold a 15-minute check-in
    # every Sunday" (but "at the next check-in" is only when something is looked at).
    (
        "check",
        word_pattern(
            r"\b(?:hold|holds|held|holding|have|has|had|having|schedule[sd]?|scheduling)\s+"
            r"(?:(?!(?:at|by|before|until|the|next)\b)[\w-]+\s+){0,3}check-ins?\b",
            flags=re.IGNORECASE,
        ),
    ),
)
_WORD = re.compile(r"[A-Za-z]+\b(?!-ins?\b)")  # "check-in" is a meeting, not checking
# The words of a goal that only name a feeling, a trait or a general state.
FEELINGS = word_pattern(
    r"feel(?:s|ing)?|better|happ(?:y|ier|iness)|sad(?:ness)?|calm(?:er)?|anxious"
    r"|anxiety|depress(?:ed|ion)|confiden(?:t|ce)|hopeful|safe|relaxed|positive|stress(?:ed)?"
    r"|stress-free|angry|anger|good|normal|okay|stable|close|proud|kind(?:er)?|at\s+ease"
    r"|down|nervous|worried|self-esteem|mood|trust|communication|relationship|coping(?:"
    r"\s+skills)?|calming\s+skills|functioning|quality\s+of\s+life|life|symptoms|insight"
    r"|self-care|independent|organized|focus|respectful|boundaries|meaning|loss|trauma"
    r"|uncertainty|improve(?:d|ment)?|heal|myself|himself|herself|itself",
    flags=re.IGNORECASE,
    suffix=r"\b",
)


# Nouns that are only the setting after "at", "in" or "during": "more motivated at
# appointments" names no behavior, "make an appointment" does.
_SETTINGS = frozenset(
    ["appointment", "appointments", "meeting", "meetings", "group", "groups", "class", "classes"]
)
_SETTING_BEFORE = re.compile(r"\b(?:at|in|during)\s+(?:the\s+|my\s+|her\s+|his\s+)?$", re.I)
# A noun a feeling is about, or people one gets along with, is not a behavior: "feel
# better about her job", "get along better with coworkers".
# Nor is a noun that one only understands or knows: "understand his triggers" names an
# insight, not something seen ("identify 3 triggers" or "list his triggers" is an act).
_OBJECT_OF_FEELING = re.compile(
    r"\b(?:about|along(?:\s+better)?\s+with|understand(?:s|ing)?|understood|know(?:s|ing)?"
    r"|aware\s+of|sense\s+of|insight\s+into)\s+(?:the\s+|my\s+|her\s+|his\s+|their\s+)?$",
    re.I,
)
NOUNS = frozenset(_NOUNS.split())


def _as_setting(match: re.Match[str], text: str) -> bool:
    word = match.group().lower()
    start = max(0, match.start() - 24)
    if word in NOUNS and _OBJECT_OF_FEELING.search(text, start, match.start()):
        return True
    if word not in _SETTINGS:
        return False
    return bool(_SETTING_BEFORE.search(text, max(0, match.start() - 12), match.start()))


def concrete_terms(text: str) -> list[Span]:
    """Behaviors, symptoms, skills and places named in ``text`` (deadlines masked)."""
    words = words_of(text)
    present = WORDS.intersection(words)
    found = [
        Span.of(m)
        for m in (_WORD.finditer(text) if present else ())
        if m.group().lower() in present and not _as_setting(m, text)
    ]
    found += find_all(PHRASES, text)
    for needed, pattern in _GATED:
        if needed in words:
            found += find_all(pattern, text)
    return found


def feeling_terms(text: str) -> list[Span]:
    """Feeling and general-state words in ``text``: what a vague goal is made of."""
    return find_all(FEELINGS, text)
