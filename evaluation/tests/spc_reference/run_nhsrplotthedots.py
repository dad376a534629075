"""Puts NHSRplotthedots' own output for the Trust's reference series into ``nhsrplotthedots_runs.json``.

Not part of the test suite: run it by hand when the series change, with R and the package's R code:

    git clone https://github.com/nhs-r-community/NHSRplotthedots && git -C NHSRplotthedots checkout 050b07d
    apt-get install r-base-core r-cran-dplyr r-cran-rlang r-cran-stringr r-cran-tidyselect
    python evaluation/tests/spc_reference/run_nhsrplotthedots.py NHSRplotthedots/R

Each series is run as ``ptd_spc()`` runs it (``ptd_spc_standard`` then ``ptd_calculate_point_type``),
without outlier screening (the Making Data Count tools do not screen), with months without a figure left
out, a rebase where a period starts and ``fix_after_n_points`` as the case's baseline. The output (mean
and limits of each period, and each point's type) is written beside the portal's expected output, and
the tests compare the two.
"""

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
CASES = HERE / "nhsrplotthedots_runs.json"
DIRECTION = {"higher": 1, "lower": -1, "neither": 0}


def _rows(case):
    """The case's months with a figure (numbered as in the case), with the rebase flags."""
    starts = set(case.get("rebase", ()))
    for i, value in enumerate(case["values"]):
        if value is None:
            continue
        yield {
            "case": case["name"],
            "i": i,
            "y": repr(float(value)),
            "rebase": int(i in starts),
            "fix_after_n_points": case.get("baseline") or "NA",
            "screen_outliers": "FALSE",
            "improvement_direction": DIRECTION[case["better"]],
        }


def main(r_folder: str) -> None:
    data = json.loads(CASES.read_text())
    with tempfile.TemporaryDirectory() as folder:
        given, got = Path(folder) / "in.csv", Path(folder) / "out.csv"
        with given.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(next(_rows(data["cases"][0]))))
            writer.writeheader()
            for case in data["cases"]:
                writer.writerows(_rows(case))
        subprocess.run(["Rscript", str(HERE / "run_nhsrplotthedots.R"), r_folder, given, got], check=True)
        with got.open() as handle:
            out = list(csv.DictReader(handle))
    for case in data["cases"]:
        rows = [row for row in out if row["case"] == case["name"]]
        periods = {}
        for row in rows:
            periods.setdefault(row["rebase_group"], {
                "start": int(row["i"]),
                "mean": float(row["mean"]),
                "lower_limit": float(row["lpl"]),
                "upper_limit": float(row["upl"]),
            })  # fmt: skip
        point_type = {int(row["i"]): row["point_type"] for row in rows}
        case["nhsrplotthedots"] = {
            "periods": list(periods.values()),
            "point_type": [point_type.get(i) for i in range(len(case["values"]))],
        }
        case.pop("nhsrplotthedots_point_type", None)
    CASES.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
