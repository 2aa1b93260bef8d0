"""The anonymity check: what the table of texts finds, and how long a 1,000-character profile takes.

The table is `tests/recruitment/quasi_table.py` (texts written for it, identifying and clean).
Timings are medians over repeated runs in this process, with deduce and the word lists warm
(loaded before the first timed run); the ratio to the old layers (record and patterns) is taken
in the same run. Loading the quasi layer's lists is timed (and its memory measured) in a fresh
subprocess, as a new web or worker process pays it once, on its first check.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from buurtgezinnen.recruitment import anonymity, deep_check, quasi

ROOT = Path(__file__).resolve().parent.parent
RUNS = 25

# A realistic profile of about 1,000 characters with a few things to find.
PROFILE = (
    "Gezin in Overvecht zoekt een steungezin\n"
    "Overvecht\n"
    "6 tot 8 jaar, 9 tot 11 jaar\n"
    "een vaste middag, hulp bij huiswerk, af en toe logeren\n"
    "woensdagmiddag, zaterdagochtend\n"
    "In Overvecht woont een moeder met twee kinderen die graag wat extra aandacht krijgen. De "
    "jongste is een vrolijke jongen die elke zaterdag voetbalt bij VV Zwaluwen en het liefst de "
    "hele dag buiten speelt. Zijn zus zit in groep 7 van basisschool De Klimop, tekent graag en "
    "houdt van dieren: thuis hebben ze een kat en twee konijnen. Moeder werkt als kassière bij de "
    "Jumbo aan het Stationsplein en heeft onregelmatige diensten; daardoor is het soms lastig om "
    "de kinderen op te halen. Oma woont ver weg en de buurvrouw kan niet meer oppassen. Het gezin "
    "spreekt Nederlands en Arabisch. Moeder zou het fijn vinden als de kinderen een vaste middag "
    "in de week bij een warm gezin in de buurt kunnen zijn, en af en toe een weekend kunnen "
    "logeren. Bent u dat gezin? Buurtgezinnen begeleidt u, en de coördinator is er als u vragen "
    "heeft. Samen maken we het verschil, dichtbij huis."
)
AREA = "Overvecht"


def _median_ms(work: Callable[[], object]) -> float:
    work()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _score(check: Callable[[str, str], list[anonymity.Finding]]) -> dict[str, float]:
    from tests.recruitment.quasi_table import CLEAN, IDENTIFYING

    caught = phrases = phrases_found = 0
    for row in IDENTIFYING:
        found = check(row.text, row.area)
        hits = 0
        for phrase in row.must_mark:
            start = row.text.index(phrase)
            if any(f.start < start + len(phrase) and start < f.end for f in found):
                hits += 1
        phrases += len(row.must_mark)
        phrases_found += hits
        caught += hits == len(row.must_mark)
    alarms = sum(1 for row in CLEAN if check(row.text, row.area))
    return {
        "identifying": len(IDENTIFYING),
        "clean": len(CLEAN),
        "caught": caught,
        "phrases": phrases,
        "phrases_found": phrases_found,
        "false_alarms": alarms,
        "recall": caught / len(IDENTIFYING),
        "precision": caught / (caught + alarms) if caught + alarms else 1.0,
    }


def _old(text: str, area: str) -> list[anonymity.Finding]:
    return anonymity.check(text)


def _fast(text: str, area: str) -> list[anonymity.Finding]:
    found = anonymity.check(text)
    return found + quasi.check(text, allowed=deep_check.area_names(area), covered=found)


def _every_layer(allowed: frozenset[str]) -> Callable[[str, str], list[anonymity.Finding]]:
    def check(text: str, area: str) -> list[anonymity.Finding]:
        found = _fast(text, area)
        return found + deep_check.check(
            text, allowed=allowed | deep_check.area_names(area), covered=found
        )

    return check


def _cold_load() -> dict[str, float]:
    """A fresh process: the seconds and the memory the quasi layer's lists take to load."""
    script = (
        "import gc, json, os, time, django\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tests.settings')\n"
        "django.setup()\n"
        "from buurtgezinnen.recruitment import quasi\n"
        "def rss():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS:'):\n"
        "            return int(line.split()[1])\n"
        "before = rss()\n"
        "start = time.perf_counter()\n"
        "quasi.lexicon()\n"
        "seconds = time.perf_counter() - start\n"
        "gc.collect()\n"
        "print(json.dumps({'seconds': seconds, 'mib': (rss() - before) / 1024}))\n"
    )
    out = subprocess.run(  # noqa: S603 (our own script, no input)
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> str:
    cold = _cold_load()
    allowed = deep_check.allowed_names(["Utrecht", "Zeist", "Amersfoort", "Leusden"])
    deep_check.get_deduce()  # warm, as in the worker
    quasi.lexicon()
    every = _every_layer(allowed)
    old_ms = _median_ms(lambda: anonymity.check(PROFILE))
    quasi_ms = _median_ms(lambda: quasi.check(PROFILE, allowed=[AREA]))
    fast_ms = _median_ms(lambda: _fast(PROFILE, AREA))
    deduce_ms = _median_ms(lambda: deep_check.check(PROFILE, allowed=allowed))
    every_ms = _median_ms(lambda: every(PROFILE, AREA))
    scores = {
        "record and patterns (before)": _score(_old),
        "patterns + quasi-identifiers (in the request)": _score(_fast),
        "every layer (with deduce)": _score(every),
    }
    table = [
        "| layers | identifying texts caught | phrases found | clean texts with a false alarm "
        "| recall | precision |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in scores.items():
        table.append(
            f"| {name} | {s['caught']} of {s['identifying']} | {s['phrases_found']} of "
            f"{s['phrases']} | {s['false_alarms']} of {s['clean']} | {s['recall']:.0%} | "
            f"{s['precision']:.0%} |"
        )
    return "\n".join(
        [
            "## Anonymity check",
            "",
            "The table of texts in `tests/recruitment/quasi_table.py` (identifying and clean, "
            "written for it). A text is caught when every phrase it must mark is marked; "
            "precision is caught texts over caught texts plus clean texts with a false alarm.",
            "",
            *table,
            "",
            f"A profile of {len(PROFILE)} characters (median of {RUNS} runs, lists and deduce "
            "warm):",
            "",
            "| what | median | target |",
            "|---|---|---|",
            f"| record and patterns (the old layers) | {old_ms:.2f} ms | |",
            f"| quasi-identifiers alone | {quasi_ms:.2f} ms | |",
            f"| patterns + quasi-identifiers (what the request runs) | {fast_ms:.2f} ms | |",
            f"| deduce alone (the worker) | {deduce_ms:.1f} ms | |",
            f"| every layer | {every_ms:.1f} ms | < 1000 ms |",
            f"| ratio request layers / old layers | {fast_ms / old_ms:.1f} | |",
            f"| ratio every layer / old layers | {every_ms / old_ms:.1f} | |",
            f"| loading the quasi layer's lists, once per process (fresh process; memory kept) | "
            f"{cold['seconds']:.2f} s, {cold['mib']:.0f} MiB | |",
            "",
        ]
    )
