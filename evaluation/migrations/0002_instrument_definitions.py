"""The six instruments the Trust uses, with their published wording, options and change thresholds.

Written out here, not imported, so that this migration stays what it was when it first ran. ``load``
is safe to run again (rows are keyed by code and item order; thresholds already configured are left
as the evaluation team set them). Sources, per instrument:

- SWEMWBS and WEMWBS: University of Warwick, "How to use WEMWBS"
  (https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto); SWEMWBS is items 1, 2, 3,
  6, 7, 9 and 11 of WEMWBS, with its own labels (never the WEMWBS list). Reliable change: SWEMWBS
  2.77 x SEM = 2.87 metric points, taken as 3 (Shah et al. 2018, HQLO 16:239); WEMWBS about 3 points
  (Maheswaran et al. 2012, HQLO 10:156).
- ReQoL-10: Keetharuth et al. 2018 (BJPsych 212:42-49) and HQLO 2019 Table 2 for the item texts and
  themes; form order as on the licensed form; items 1, 3, 6 and 9 are negatively worded. Cut-off 24
  (Franklin et al. 2021, Qual Life Res). Reliable change 5 points: ReQoL scoring guidance.
- QPR-15: Law et al. 2014 (15-item version of Neil et al. 2009); wording and 0-4 options as in the
  PhenX protocol 661101 (https://www.phenxtoolkit.org/protocols/view/661101).
- DIALOG: Priebe et al., https://dialog.elft.nhs.uk/DIALOG-scale (8 life domains, 3 treatment aspects,
  rated 1-7, each followed by "Do you want additional help in this area?"). Scores below 4 are
  explicit dissatisfaction.
- Friends and Family Test: NHS England guidance from April 2020 (https://www.england.nhs.uk/fft/).
"""

from django.db import migrations

FREQUENCY_1_5 = [
    (1, "None of the time"),
    (2, "Rarely"),
    (3, "Some of the time"),
    (4, "Often"),
    (5, "All of the time"),
]
REQOL_OPTIONS = [
    (0, "None of the time"),
    (1, "Only occasionally"),
    (2, "Sometimes"),
    (3, "Often"),
    (4, "Most or all of the time"),
]
REQOL_PHYSICAL_OPTIONS = [
    (0, "No problems"),
    (1, "Slight problems"),
    (2, "Moderate problems"),
    (3, "Severe problems"),
    (4, "Very severe problems"),
]
AGREEMENT_0_4 = [
    (0, "Disagree strongly"),
    (1, "Disagree"),
    (2, "Neither agree nor disagree"),
    (3, "Agree"),
    (4, "Agree strongly"),
]
SATISFACTION_1_7 = [
    (1, "Totally dissatisfied"),
    (2, "Very dissatisfied"),
    (3, "Fairly dissatisfied"),
    (4, "In the middle"),
    (5, "Fairly satisfied"),
    (6, "Very satisfied"),
    (7, "Totally satisfied"),
]
FFT_OPTIONS = [
    (1, "Very good", "positive"),
    (2, "Good", "positive"),
    (3, "Neither good nor poor", "neutral"),
    (4, "Poor", "negative"),
    (5, "Very poor", "negative"),
    (6, "Don't know", "dont_know"),
]

WARWICK_URL = "https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto"
WARWICK_LICENCE = (
    "Free to use after registering with the University of Warwick. The wording must not be changed. "
    "Commercial use needs a licence."
)
WARWICK_INSTRUCTIONS = (
    "Below are some statements about feelings and thoughts. Please tick the box that best describes "
    "your experience of each over the last 2 weeks."
)

# (order, wording, short label): the 14 WEMWBS statements in form order.
WEMWBS_ITEMS = [
    (1, "I've been feeling optimistic about the future", "Optimistic about the future"),
    (2, "I've been feeling useful", "Feeling useful"),
    (3, "I've been feeling relaxed", "Feeling relaxed"),
    (4, "I've been feeling interested in other people", "Interested in other people"),
    (5, "I've had energy to spare", "Energy to spare"),
    (6, "I've been dealing with problems well", "Dealing with problems well"),
    (7, "I've been thinking clearly", "Thinking clearly"),
    (8, "I've been feeling good about myself", "Feeling good about myself"),
    (9, "I've been feeling close to other people", "Close to other people"),
    (10, "I've been feeling confident", "Feeling confident"),
    (11, "I've been able to make up my own mind about things", "Making up my own mind"),
    (12, "I've been feeling loved", "Feeling loved"),
    (13, "I've been interested in new things", "Interested in new things"),
    (14, "I've been feeling cheerful", "Feeling cheerful"),
]
# SWEMWBS: its own seven statements, in its own order (WEMWBS items 1, 2, 3, 6, 7, 9, 11).
SWEMWBS_ITEMS = [
    (1, "I've been feeling optimistic about the future", "Optimistic about the future"),
    (2, "I've been feeling useful", "Feeling useful"),
    (3, "I've been feeling relaxed", "Feeling relaxed"),
    (4, "I've been dealing with problems well", "Dealing with problems well"),
    (5, "I've been thinking clearly", "Thinking clearly"),
    (6, "I've been feeling close to other people", "Close to other people"),
    (7, "I've been able to make up my own mind about things", "Making up my own mind"),
]
# (order, wording, short label, negatively worded): ReQoL-10 in form order.
REQOL_ITEMS = [
    (1, "I found it difficult to get started with everyday tasks", "Getting started with tasks", True),
    (2, "I felt able to trust others", "Able to trust others", False),
    (3, "I felt unable to cope", "Unable to cope", True),
    (4, "I could do the things I wanted to do", "Doing what I wanted", False),
    (5, "I felt happy", "Felt happy", False),
    (6, "I thought my life was not worth living", "Life not worth living", True),
    (7, "I enjoyed what I did", "Enjoyed what I did", False),
    (8, "I felt hopeful about my future", "Hopeful about my future", False),
    (9, "I felt lonely", "Felt lonely", True),
    (10, "I felt confident in myself", "Confident in myself", False),
]
REQOL_PHYSICAL = (
    "Please describe your physical health (problems with pain, mobility, difficulties caring for "
    "yourself or feeling physically unwell) over the last week"
)
QPR_ITEMS = [
    (1, "I feel better about myself", "Better about myself"),
    (2, "I feel able to take chances in life", "Taking chances in life"),
    (3, "I am able to develop positive relationships with other people", "Positive relationships"),
    (4, "I feel part of society rather than isolated", "Part of society"),
    (5, "I am able to assert myself", "Asserting myself"),
    (6, "I feel that my life has a purpose", "Life has a purpose"),
    (7, "My experiences have changed me for the better", "Changed for the better"),
    (
        8,
        "I have been able to come to terms with things that have happened to me in the past and move "
        "on with my life",
        "Coming to terms with the past",
    ),
    (9, "I am basically strongly motivated to get better", "Motivated to get better"),
    (10, "I can recognise the positive things I have done", "Recognising positive things"),
    (11, "I am able to understand myself better", "Understanding myself"),
    (12, "I can take charge of my life", "Taking charge of my life"),
    (13, "I can actively engage with life", "Engaging with life"),
    (14, "I can take control of aspects of my life", "Control of aspects of life"),
    (15, "I can find the time to do the things I enjoy", "Time for things I enjoy"),
]
DIALOG_ITEMS = [
    (1, "How satisfied are you with your mental health?", "Mental health", "life"),
    (2, "How satisfied are you with your physical health?", "Physical health", "life"),
    (3, "How satisfied are you with your job situation?", "Job situation", "life"),
    (4, "How satisfied are you with your accommodation?", "Accommodation", "life"),
    (5, "How satisfied are you with your leisure activities?", "Leisure activities", "life"),
    (6, "How satisfied are you with your friendships?", "Friendships", "life"),
    (7, "How satisfied are you with your partner/family?", "Partner or family", "life"),
    (8, "How satisfied are you with your personal safety?", "Personal safety", "life"),
    (9, "How satisfied are you with your medication?", "Medication", "treatment"),
    (10, "How satisfied are you with the practical help you receive?", "Practical help", "treatment"),
    (
        11,
        "How satisfied are you with consultations with mental health professionals?",
        "Consultations with professionals",
        "treatment",
    ),
]

INSTRUMENTS = [
    {
        "code": "SWEMWBS",
        "name": "Short Warwick-Edinburgh Mental Wellbeing Scale",
        "short_name": "SWEMWBS",
        "version": "7-item, 2008",
        "kind": "prom",
        "recall_period": "over the last 2 weeks",
        "instructions": WARWICK_INSTRUCTIONS,
        "scoring_rule": "sum_then_table",
        "score_min": 7,
        "score_max": 35,
        "score_label": "metric score",
        "copyright_line": "Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, "
        "University of Warwick and University of Edinburgh, 2008, all rights reserved.",
        "licence": WARWICK_LICENCE,
        "source_url": WARWICK_URL,
        "display_order": 1,
    },
    {
        "code": "WEMWBS",
        "name": "Warwick-Edinburgh Mental Wellbeing Scale",
        "short_name": "WEMWBS",
        "version": "14-item, 2006",
        "kind": "prom",
        "recall_period": "over the last 2 weeks",
        "instructions": WARWICK_INSTRUCTIONS,
        "scoring_rule": "sum",
        "score_min": 14,
        "score_max": 70,
        "score_label": "total score",
        "copyright_line": "Warwick Edinburgh Mental Wellbeing Scale (WEMWBS) © NHS Health Scotland, "
        "University of Warwick and University of Edinburgh, 2006, all rights reserved.",
        "licence": WARWICK_LICENCE,
        "source_url": WARWICK_URL,
        "display_order": 2,
    },
    {
        "code": "REQOL10",
        "name": "Recovering Quality of Life",
        "short_name": "ReQoL-10",
        "version": "ReQoL-10 version 1",
        "kind": "prom",
        "recall_period": "over the last week",
        "instructions": "Please read each statement and tick the box that best describes your thoughts, "
        "feelings and activities over the last week.",
        "scoring_rule": "sum_with_reversed",
        "score_min": 0,
        "score_max": 40,
        "score_label": "total score",
        "copyright_line": "ReQoL-10 © University of Sheffield, 2016. Used under licence; the wording may "
        "not be changed.",
        "licence": "Free for NHS and other non-commercial use after registering at reqol.org.uk. The "
        "wording must not be changed.",
        "source_url": "https://www.reqol.org.uk/",
        "display_order": 3,
    },
    {
        "code": "QPR15",
        "name": "Questionnaire about the Process of Recovery",
        "short_name": "QPR-15",
        "version": "15-item (Law et al. 2014)",
        "kind": "prom",
        "recall_period": "over the last 7 days",
        "instructions": "Please take a moment to consider and sum up how things stand for you at the "
        "present time, in particular over the last 7 days, with regards to your mental health and "
        "recovery. Please respond to the following statements by putting a tick in the box which best "
        "describes your experience.",
        "scoring_rule": "sum",
        "score_min": 0,
        "score_max": 60,
        "score_label": "total score",
        "copyright_line": "Questionnaire about the Process of Recovery (QPR): Neil et al. 2009; 15-item "
        "version, Law et al. 2014.",
        "licence": "Freely available; permission is not needed to use it.",
        "source_url": "https://www.phenxtoolkit.org/protocols/view/661101",
        "display_order": 4,
    },
    {
        "code": "DIALOG",
        "name": "DIALOG scale",
        "short_name": "DIALOG",
        "version": "11-item",
        "kind": "prom",
        "recall_period": "at the moment",
        "instructions": "How satisfied are you with each of these, from 1 (totally dissatisfied) to 7 "
        "(totally satisfied)? After each one, say whether you want additional help in that area.",
        "scoring_rule": "group_means",
        "score_min": 1,
        "score_max": 7,
        "score_label": "life domains mean",
        "follow_up_question": "Do you want additional help in this area?",
        "copyright_line": "DIALOG scale © Priebe and colleagues, Queen Mary University of London and East "
        "London NHS Foundation Trust.",
        "licence": "Free for non-commercial use.",
        "source_url": "https://dialog.elft.nhs.uk/DIALOG-scale",
        "display_order": 5,
    },
    {
        "code": "FFT",
        "name": "Friends and Family Test",
        "short_name": "Friends and Family Test",
        "version": "2020",
        "kind": "prem",
        "recall_period": "your experience of our service",
        "instructions": "We would like you to think about your recent experiences of our service.",
        "scoring_rule": "category",
        "score_min": 1,
        "score_max": 6,
        "score_label": "answer",
        "follow_up_question": "Please can you tell us why you gave your answer?",
        "copyright_line": "Friends and Family Test question as set by NHS England from April 2020.",
        "licence": "Published by NHS England for NHS services to use.",
        "source_url": "https://www.england.nhs.uk/fft/",
        "display_order": 6,
    },
]

# (code, kind, measure, value, direction, range label, source, url)
THRESHOLDS = [
    ("SWEMWBS", "reliable_change", "total", 3.0, "both", "",
     "Shah et al. 2018, Health Qual Life Outcomes 16:239: 2.77 x SEM = 2.87 metric points in a clinical "
     "sample, taken as 3 metric points.", "https://hqlo.biomedcentral.com/articles/10.1186/s12955-018-1060-2"),
    ("WEMWBS", "reliable_change", "total", 3.0, "both", "",
     "Maheswaran et al. 2012, Health Qual Life Outcomes 10:156: 2.77 x SEM is about 3 points.",
     "http://www.hqlo.com/content/10/1/156"),
    ("REQOL10", "reliable_change", "total", 5.0, "both", "",
     "ReQoL scoring guidance: reliable change index for ReQoL-10 of 5 points.", "https://www.reqol.org.uk/"),
    ("REQOL10", "cut_off", "total", 24.0, "below", "clinical range",
     "Franklin et al. 2021, Qual Life Res: scores below 24 are in the clinical range.",
     "https://pubmed.ncbi.nlm.nih.gov/33835414/"),
    ("DIALOG", "cut_off", "life", 4.0, "below", "dissatisfied",
     "DIALOG scale scoring: means below 4 reflect explicit dissatisfaction.",
     "https://dialog.elft.nhs.uk/DIALOG-scale"),
    ("DIALOG", "cut_off", "treatment", 4.0, "below", "dissatisfied",
     "DIALOG scale scoring: means below 4 reflect explicit dissatisfaction.",
     "https://dialog.elft.nhs.uk/DIALOG-scale"),
]  # fmt: skip


def _items(code):
    if code == "SWEMWBS":
        return [dict(order=o, wording=w, short_label=s) for o, w, s in SWEMWBS_ITEMS]
    if code == "WEMWBS":
        return [dict(order=o, wording=w, short_label=s) for o, w, s in WEMWBS_ITEMS]
    if code == "REQOL10":
        items = [
            dict(
                order=o,
                wording=w,
                short_label=s,
                reverse_scored=negative,
                # "Sometimes" (stored 2) or more to item 6 is followed up by the care team.
                is_risk_item=o == 6,
                risk_from_value=2 if o == 6 else None,
            )
            for o, w, s, negative in REQOL_ITEMS
        ]
        items.append(
            dict(order=11, wording=REQOL_PHYSICAL, short_label="Physical health", group="physical_health",
                 is_scored=False)
        )  # fmt: skip
        return items
    if code == "QPR15":
        return [dict(order=o, wording=w, short_label=s) for o, w, s in QPR_ITEMS]
    if code == "DIALOG":
        return [
            dict(order=o, wording=w, short_label=s, group=g, asks_follow_up=True) for o, w, s, g in DIALOG_ITEMS
        ]
    return [dict(order=1, wording="Overall, how was your experience of our service?", short_label="Experience")]


def _options(code):
    if code in ("SWEMWBS", "WEMWBS"):
        return [(v, label, "") for v, label in FREQUENCY_1_5]
    if code == "REQOL10":
        return [(v, label, "") for v, label in REQOL_OPTIONS]
    if code == "QPR15":
        return [(v, label, "") for v, label in AGREEMENT_0_4]
    if code == "DIALOG":
        return [(v, label, "") for v, label in SATISFACTION_1_7]
    return FFT_OPTIONS


def load(apps, schema_editor):
    Instrument = apps.get_model("evaluation", "Instrument")
    InstrumentItem = apps.get_model("evaluation", "InstrumentItem")
    ResponseOption = apps.get_model("evaluation", "ResponseOption")
    ChangeThreshold = apps.get_model("evaluation", "ChangeThreshold")
    for fields in INSTRUMENTS:
        fields = dict(fields)
        code = fields.pop("code")
        instrument, _ = Instrument.objects.update_or_create(code=code, defaults=fields)
        items = {}
        for item in _items(code):
            order = item.pop("order")
            items[order], _ = InstrumentItem.objects.update_or_create(
                instrument=instrument, order=order, defaults=item
            )
        for position, (value, label, category) in enumerate(_options(code), start=1):
            ResponseOption.objects.update_or_create(
                instrument=instrument,
                item=None,
                value=value,
                defaults={"order": position, "label": label, "category": category},
            )
        if code == "REQOL10":
            for position, (value, label) in enumerate(REQOL_PHYSICAL_OPTIONS, start=1):
                ResponseOption.objects.update_or_create(
                    instrument=instrument, item=items[11], value=value, defaults={"order": position, "label": label}
                )
    for code, kind, measure, value, direction, range_label, source, url in THRESHOLDS:
        instrument = Instrument.objects.get(code=code)
        if not ChangeThreshold.objects.filter(instrument=instrument, kind=kind, measure=measure).exists():
            ChangeThreshold.objects.create(
                instrument=instrument,
                kind=kind,
                measure=measure,
                value=value,
                direction=direction,
                range_label=range_label,
                source=source,
                source_url=url,
            )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_instruments_and_returns")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
