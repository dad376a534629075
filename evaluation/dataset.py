"""Synthetic outcome and experience measures for ``generate_dataset``: PROM returns in series (a
baseline, then reviews about every three months, so people have first and latest returns to pair) for
everyone on a caseload, and Friends and Family Test answers for every clinical team (see
``recovery_portal.synthetic``). Scores come from ``evaluation.scoring``, computed once per answer
pattern; the rows go in with COPY."""

from recovery_portal import synthetic

from .models import Completion, Instrument, PremReturn, PromReturn, ReturnContext, Timepoint
from .scoring import RULES, score

PROM_CODES = ["SWEMWBS", "WEMWBS", "REQOL10", "QPR15", "DIALOG"]
PROM_SHARE = 0.8  # of all returns; the rest are Friends and Family Test answers
LEVELS, VARIANTS = 10, 5
MONTHS_APART = 91
FFT_ANSWERS = [1, 1, 1, 1, 2, 2, 2, 3, 4, 5, 6]  # mostly positive, as in NHS FFT data


def _patterns(rng, code: str) -> list[list[tuple[list[int], object]]]:
    """For each wellbeing level 0..LEVELS, a few answer patterns with their scores."""
    rule = RULES[code]
    levels = []
    for level in range(LEVELS + 1):
        centre = rule.low + (rule.high - rule.low) * level / LEVELS
        patterns = []
        for _ in range(VARIANTS):
            answers = [
                min(rule.high, max(rule.low, round(centre + rng.choice([-1, 0, 0, 1]))))
                for _ in range(rule.items)
            ]
            patterns.append((answers, score(code, answers)))
        levels.append(patterns)
    return levels


def generate(data: synthetic.Generation) -> dict[str, int]:
    rng = data.random("evaluation")
    scale, caseload = data.scale, data.shared["caseload"]
    instruments = {instrument.code: instrument for instrument in Instrument.objects.all()}
    patterns = {code: _patterns(rng, code) for code in PROM_CODES}
    today = data.today_offset
    per_series = max(2, round(scale.returns * PROM_SHARE / (len(caseload) * 2)))

    proms = []
    for person_id, team_id, _start in caseload:
        for code in rng.sample(PROM_CODES, 2):
            level = rng.randint(2, 6)
            first = today - rng.randint(MONTHS_APART * per_series, MONTHS_APART * per_series + 200)
            for number in range(per_series):
                answers, scored = rng.choice(patterns[code][level])
                proms.append(
                    {"person_id": person_id, "team_id": team_id, "instrument_id": instruments[code].pk,
                     "completed_on": data.day(first + number * MONTHS_APART),
                     "timepoint": Timepoint.BASELINE if number == 0 else Timepoint.REVIEW,
                     "context": ReturnContext.PEER_WORKER, "answers": answers, "raw": scored.raw,
                     "total": scored.total, "life_domain_mean": scored.subscales.get("life"),
                     "treatment_mean": scored.subscales.get("treatment"), "has_risk_answer": scored.has_risk_answer,
                     "completion": Completion.WITH_STAFF}
                )  # fmt: skip
                # Most people feel a little better between reviews; some do not.
                level = min(LEVELS, max(0, level + rng.choice([-1, 0, 1, 1, 2])))
    prom_ids = synthetic.insert_rows(PromReturn, proms)

    fft = instruments["FFT"]
    categories = RULES["FFT"].categories
    team_ids = data.shared["clinical_team_ids"]
    prems = [
        {"team_id": rng.choice(team_ids), "instrument_id": fft.pk, "completed_on": data.day(today - rng.randint(0, 730)),
         "answer": (answer := rng.choice(FFT_ANSWERS)), "category": categories[answer], "wording_version": fft.version,
         "completion": Completion.SELF}
        for _ in range(max(0, scale.returns - len(prom_ids)))
    ]  # fmt: skip
    prem_ids = synthetic.insert_rows(PremReturn, prems)
    return {"evaluation.PromReturn": len(prom_ids), "evaluation.PremReturn": len(prem_ids)}
