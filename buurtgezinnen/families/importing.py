"""Families from a spreadsheet: read an XLSX or CSV file, check every row, build applications.

Pure: nothing here touches the database. The view passes in what it knows (the municipality's
CBS code, the families that already exist there) and gets back, per row, either an
``Application`` ready for ``actions.submit_application`` or the errors that stop it, each named
by its column so the coordinator can find it in the sheet.

Reading and checking are separate steps. ``read_table`` turns the file into a ``Table`` of text
cells (Excel dates become ``YYYY-MM-DD``); the view keeps that table in the session as JSON
between the preview and the confirmation, and ``validate`` checks it again each time, so what is
imported is exactly what was shown.

The column names are Dutch *data* (the sheet is Dutch), not translations; the messages are
English msgids translated through gettext.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from buurtgezinnen import policy
from buurtgezinnen.core.phones import compact_phone, is_phone_number
from buurtgezinnen.families.actions import Application, ChildData, PersonData, locate
from buurtgezinnen.families.models import Channel, Kind, Source
from buurtgezinnen.geo.postcodes import PostcodeError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_CHILDREN = 6
# Beyond these the file is refused before it is read any further (an XLSX is a zip file: a small
# upload can unpack to very much XML).
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 4 * 1024 * 1024
MAX_COLUMNS = 60
MAX_SCANNED_ROWS = 20 * MAX_ROWS
NOTE_MAX_LENGTH = 5000

SHEET_FAMILIES = "Gezinnen"
SHEET_EXPLANATION = "Uitleg"


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Dutch column name in the sheet
    max_length: int
    aliases: tuple[str, ...] = ()


# The columns in the order of the template. Keys are the names used in the code.
NAME = Column("name", "gezinsnaam", 150, ("gezin", "naam gezin"))
FIRST_NAME = Column("first_name", "voornaam ouder", 100)
LAST_NAME = Column("last_name", "achternaam ouder", 150)
EMAIL = Column("email", "e-mail", 254, ("email", "e-mailadres", "emailadres"))
PHONE = Column("phone", "telefoon", 30, ("telefoonnummer", "tel", "tel."))
LANGUAGES = Column("languages", "talen", 200, ("taal",))
STREET = Column("street", "straat", 150)
HOUSE_NUMBER = Column("house_number", "huisnummer", 20, ("huisnr", "huisnr."))
POSTCODE = Column("postcode", "postcode", 20)
PLACE = Column("place", "woonplaats", 100, ("plaats",))
CHANNEL = Column("channel", "hoe bekend", 100)
APPLIED_ON = Column("applied_on", "aangemeld op", 30, ("aanmelddatum", "datum aanmelding"))
NOTE = Column("note", "toelichting", NOTE_MAX_LENGTH, ("opmerking", "opmerkingen"))


def child_first_name(number: int) -> Column:
    return Column(f"child{number}_first_name", f"kind {number} voornaam", 100)


def child_date_of_birth(number: int) -> Column:
    return Column(f"child{number}_date_of_birth", f"kind {number} geboortedatum", 30)


CHILD_NUMBERS = range(1, MAX_CHILDREN + 1)
COLUMNS: tuple[Column, ...] = (
    NAME,
    FIRST_NAME,
    LAST_NAME,
    EMAIL,
    PHONE,
    LANGUAGES,
    STREET,
    HOUSE_NUMBER,
    POSTCODE,
    PLACE,
    *(c for n in CHILD_NUMBERS for c in (child_first_name(n), child_date_of_birth(n))),
    CHANNEL,
    APPLIED_ON,
    NOTE,
)
BY_KEY = {column.key: column for column in COLUMNS}
HEADERS = tuple(column.header for column in COLUMNS)
REQUIRED = (NAME, FIRST_NAME, LAST_NAME, POSTCODE)

# The example row of the template (fictional); uploading it unchanged is an error.
EXAMPLE_ROW: dict[str, Any] = {
    "name": "Jansen",
    "first_name": "Sanne",
    "last_name": "Jansen",
    "email": "sanne.jansen@example.nl",
    "phone": "06 12345678",
    "languages": "Nederlands, Engels",
    "street": "Oudegracht",
    "house_number": "12a",
    "postcode": "3511 AB",
    "place": "Utrecht",
    "child1_first_name": "Daan",
    "child1_date_of_birth": date(2016, 5, 14),
    "child2_first_name": "Lotte",
    "child2_date_of_birth": date(2019, 9, 2),
    "channel": "school",
    "note": "Moeder werkt in ploegendienst.",
}

# Dutch words for "how they heard of us" beyond the channels' own labels and values.
CHANNEL_SYNONYMS = {
    "huisarts": Channel.PROFESSIONAL,
    "professional": Channel.PROFESSIONAL,
    "wijkteam": Channel.PROFESSIONAL,
    "buurtteam": Channel.PROFESSIONAL,
    "vrijwilligerscentrum": Channel.VOLUNTEER_CENTRE,
    "sportvereniging": Channel.SPORTS_CLUB,
    "wijkcentrum": Channel.COMMUNITY_CENTRE,
    "buurtcentrum": Channel.COMMUNITY_CENTRE,
    "internet": Channel.WEBSITE,
    "overig": Channel.OTHER,
    "anders": Channel.OTHER,
}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CHILD_HEADER = re.compile(
    r"kind ?(?P<number>\d+)[ :-]*(?P<what>voornaam|naam|geboortedatum|geb\.? ?datum)"
)
# A time after the date (an export of a form, say) is allowed and ignored.
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_DUTCH_DATE = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME)
_SHORT_YEAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")
_EXCEL_SIGNATURE = b"PK\x03\x04"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"


class ImportFileError(Exception):
    """The file as a whole cannot be used; the message is safe to show."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return self.message


# --- Reading ------------------------------------------------------------------------------------


@dataclass
class Table:
    """The sheet as text: the header row and the data rows with their row number in the file."""

    header: list[str]
    rows: list[tuple[int, list[str]]]

    def to_json(self) -> dict[str, Any]:
        return {"header": self.header, "rows": [[number, cells] for number, cells in self.rows]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Table:
        return cls(
            header=[str(h) for h in data["header"]],
            rows=[(int(number), [str(c) for c in cells]) for number, cells in data["rows"]],
        )


def read_table(content: bytes, filename: str = "") -> Table:
    """The file as a ``Table``; raises ``ImportFileError`` when it cannot be used at all."""
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB. Split it into smaller files."))
    if content.startswith(_OLE_SIGNATURE):
        raise ImportFileError(
            _(
                "This is an old Excel file (.xls) or a file with a password. "
                "Save it as an Excel workbook (.xlsx) or as CSV and upload that."
            )
        )
    if content.startswith(_EXCEL_SIGNATURE):
        rows = _read_xlsx(content)
    elif filename.lower().endswith(".xlsx"):
        raise ImportFileError(_("This file cannot be read as an Excel workbook."))
    else:
        rows = _read_csv(content)
    return _table(rows)


def _table(rows: Iterable[tuple[int, list[str]]]) -> Table:
    header: list[str] | None = None
    data: list[tuple[int, list[str]]] = []
    total = 0
    for number, cells in rows:
        if not any(cells):
            continue
        total += sum(len(cell) for cell in cells)
        if total > MAX_TEXT_CHARS:
            raise ImportFileError(_("The file holds too much text to import."))
        if header is None:
            header = cells
            columns(header)  # refuses a header without the required columns
            continue
        data.append((number, cells))
        if len(data) > MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(max)s families. Split it into smaller files.")
                % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
            )
    if header is None:
        raise ImportFileError(_("The file is empty."))
    if not data:
        raise ImportFileError(_("The file has column names but no families."))
    width = len(header)
    return Table(
        header=header,
        rows=[(number, (cells + [""] * width)[:width]) for number, cells in data],
    )


def _read_xlsx(content: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise ImportFileError(_("This file cannot be read as an Excel workbook.")) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("The file holds too much text to import."))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # any failure of a foreign file is the same to the user
        raise ImportFileError(_("This file cannot be read as an Excel workbook.")) from error
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The file is empty."))
        # The template's sheet by name, else the first sheet.
        names = workbook.sheetnames
        sheet = workbook[SHEET_FAMILIES] if SHEET_FAMILIES in names else workbook.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        try:
            for number, values in enumerate(
                sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True), start=1
            ):
                if number > MAX_SCANNED_ROWS:
                    raise ImportFileError(
                        _("The file has more than %(max)s families. Split it into smaller files.")
                        % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
                    )
                rows.append((number, _trimmed([cell_text(value) for value in values])))
        except ImportFileError:
            raise
        except Exception as error:
            raise ImportFileError(_("This file cannot be read as an Excel workbook.")) from error
    finally:
        workbook.close()
    return iter(rows)


def _read_csv(content: bytes) -> Iterator[tuple[int, list[str]]]:
    text = decode(content)
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_SCANNED_ROWS:
                raise ImportFileError(
                    _("The file has more than %(max)s families. Split it into smaller files.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", ".")}
                )
            rows.append((number, _trimmed([cell_text(cell) for cell in cells[:MAX_COLUMNS]])))
    except csv.Error as error:
        raise ImportFileError(_("This file cannot be read as CSV.")) from error
    return iter(rows)


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _("The characters in this file cannot be read. Save it as “CSV UTF-8” and try again.")
    )


def cell_text(value: Any) -> str:
    """A cell as text: Excel dates as YYYY-MM-DD, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, time):
        return value.isoformat()
    text = _CONTROL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\t", " ").strip()


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells


# --- Columns ------------------------------------------------------------------------------------


def _normal_header(value: str) -> str:
    return " ".join(value.replace("_", " ").split()).casefold().rstrip(":*").strip()


def columns(header: list[str]) -> tuple[list[str | None], list[str]]:
    """For each position the column key (or None) and the names of the columns not imported.

    Raises ``ImportFileError`` for missing required columns, a column named twice, or more
    children than the import takes.
    """
    names: dict[str, str] = {}
    for column in COLUMNS:
        for name in (column.header, *column.aliases):
            names[_normal_header(name)] = column.key
    keys: list[str | None] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for raw in header:
        normal = _normal_header(raw)
        key = names.get(normal)
        match = _CHILD_HEADER.fullmatch(normal)
        if key is None and match:
            number = int(match.group("number"))
            if not 1 <= number <= MAX_CHILDREN:
                raise ImportFileError(
                    _("The import takes at most %(max)s children per family (column “%(column)s”).")
                    % {"max": MAX_CHILDREN, "column": raw}
                )
            what = "first_name" if "naam" in match.group("what") else "date_of_birth"
            key = f"child{number}_{what}"
        if key in seen:
            raise ImportFileError(
                _("The column “%(column)s” appears twice.") % {"column": BY_KEY[key].header}
            )
        if key is None:
            if normal:
                ignored.append(raw)
        else:
            seen.add(key)
        keys.append(key)
    missing = [column.header for column in REQUIRED if column.key not in seen]
    if missing:
        raise ImportFileError(
            _(
                "The first row must hold the column names. Missing: %(columns)s. "
                "Download the template to see them all."
            )
            % {"columns": ", ".join(missing)}
        )
    return keys, ignored


# --- Checking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellError:
    column: str  # the Dutch column name, or "" for the row as a whole
    message: str


@dataclass
class Row:
    number: int
    values: dict[str, str]
    errors: list[CellError] = field(default_factory=list)
    application: Application | None = None

    def error(self, column: Column | None, message: str) -> None:
        self.errors.append(CellError(column.header if column else "", message))

    @property
    def children(self) -> list[tuple[str, str]]:
        """(first name, date of birth) of the children filled in, for the preview: a date that
        can be read as dd-mm-yyyy, anything else as written."""
        children = []
        for n in CHILD_NUMBERS:
            first_name = self.values.get(f"child{n}_first_name", "")
            born = self.values.get(f"child{n}_date_of_birth", "")
            if not first_name and not born:
                continue
            with contextlib.suppress(ValueError):
                born = parse_date(born).strftime("%d-%m-%Y")
            children.append((first_name, born))
        return children


@dataclass
class Result:
    rows: list[Row]
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok_count(self) -> int:
        return sum(1 for row in self.rows if not row.errors)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def applications(self) -> list[tuple[int, Application]]:
        """(row number, application) of every row; only when no row has an error."""
        if self.error_count:
            raise ValueError("a file with errors cannot be imported")
        return [(row.number, row.application) for row in self.rows if row.application]


def family_key(name: str, postcode: str) -> tuple[str, str]:
    """What makes two families the same for the duplicate check: name and postcode."""
    return " ".join(name.split()).casefold(), "".join(postcode.split()).upper()


def validate(
    table: Table,
    *,
    kind: str,
    municipality_code: str,
    municipality_name: str = "",
    consent: bool = False,
    existing: Iterable[tuple[str, str]] = (),
    today: date | None = None,
) -> Result:
    """Check every row of ``table`` for a family of ``kind`` in the municipality with CBS code
    ``municipality_code``. ``existing`` holds the ``family_key`` of families already there."""
    today = today or timezone.localdate()
    keys, ignored = columns(table.header)
    known = set(existing)
    channels = channel_names()
    first_seen: dict[tuple[str, str], int] = {}
    rows = []
    for number, cells in table.rows:
        values = {key: cell for key, cell in zip(keys, cells, strict=False) if key}
        row = Row(number=number, values=values)
        application = _check(
            row, kind, municipality_code, municipality_name, consent, today, channels
        )
        if values.get("name") and values.get("postcode"):
            key = family_key(values["name"], values["postcode"])
            if key in known:
                row.error(
                    NAME,
                    _("A family with this name and postcode is already registered here."),
                )
            if key in first_seen:
                row.error(
                    NAME,
                    _("Same family name and postcode as row %(row)s.") % {"row": first_seen[key]},
                )
            else:
                first_seen[key] = number
        if _is_example(values):
            row.error(
                None,
                _("This is the example row of the template: delete it or fill in a real family."),
            )
        row.application = application if not row.errors else None
        rows.append(row)
    return Result(rows=rows, ignored_columns=ignored)


def _text(row: Row, column: Column, *, required: bool = False) -> str:
    value = row.values.get(column.key, "").strip()
    if column is not NOTE:
        value = " ".join(value.split())
    if required and not value:
        row.error(column, _("This is required."))
    elif len(value) > column.max_length:
        row.error(column, _("At most %(max)s characters.") % {"max": column.max_length})
    return value


def _check(
    row: Row,
    kind: str,
    municipality_code: str,
    municipality_name: str,
    consent: bool,
    today: date,
    channels: dict[str, str],
) -> Application | None:
    name = _text(row, NAME, required=True)
    first_name = _text(row, FIRST_NAME, required=True)
    last_name = _text(row, LAST_NAME, required=True)
    email = _check_email(row)
    phone = _check_phone(row)
    contact_errors = [e for e in row.errors if e.column in (EMAIL.header, PHONE.header)]
    if not email and not phone and not contact_errors:
        row.error(PHONE, _("Fill in a phone number or an e-mail address."))
    languages = ", ".join(
        part.strip() for part in re.split(r"[,;/]", _text(row, LANGUAGES)) if part.strip()
    )
    street = _text(row, STREET)
    house_number = _text(row, HOUSE_NUMBER)
    place = _text(row, PLACE)
    postcode = _check_postcode(row, municipality_code, municipality_name)
    children = _check_children(row, kind, today)
    channel = _check_channel(row, channels)
    applied_on = _check_date(row, APPLIED_ON, today) if row.values.get("applied_on") else today
    note = _text(row, NOTE)
    if row.errors:
        return None
    return Application(
        kind=kind,
        name=name,
        postcode=postcode,
        people=[
            PersonData(
                first_name=first_name,
                last_name=last_name,
                email=email,
                phone=phone,
                languages=languages,
            )
        ],
        street=street,
        house_number=house_number,
        place=place,
        children=children,
        source=Source.IMPORT,
        channel=channel,
        note=note,
        consent=consent,
        applied_on=applied_on,
    )


def _check_email(row: Row) -> str:
    email = _text(row, EMAIL)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.error(EMAIL, _("This is not a valid e-mail address."))
    return email


def _check_phone(row: Row) -> str:
    phone = _text(row, PHONE)
    if not phone:
        return ""
    if re.fullmatch(r"[1-9][0-9]{8}", compact_phone(phone)):
        # Excel drops the leading zero of a phone number stored as a number.
        return "0" + phone
    if not is_phone_number(phone):
        row.error(
            PHONE,
            _("This is not a valid phone number. Write it as 06 12345678 or +31 6 12345678."),
        )
    return phone


def _check_postcode(row: Row, municipality_code: str, municipality_name: str) -> str:
    value = _text(row, POSTCODE, required=True)
    if not value or len(value) > POSTCODE.max_length:
        return value
    try:
        display, area = locate(value)
    except PostcodeError as error:
        row.error(POSTCODE, str(error))
        return value
    if municipality_code not in {ref.code for ref in area.municipalities}:
        row.error(
            POSTCODE,
            _("This postcode lies in %(found)s, not in %(chosen)s.")
            % {
                "found": area.municipality.name,
                "chosen": municipality_name or municipality_code,
            },
        )
    return display


def parse_date(value: str) -> date:
    """31-12-2015, 31/12/2015, 31.12.2015 or 2015-12-31; raises ValueError with a message."""
    value = value.strip()
    if _SHORT_YEAR.fullmatch(value):
        raise ValueError(_("Write the year with four digits, e.g. 31-12-2015."))
    if match := _ISO_DATE.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DUTCH_DATE.fullmatch(value):
        day, month, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
    else:
        raise ValueError(_("This is not a date. Write it as 31-12-2015."))
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("This date does not exist.")) from None


def _check_date(row: Row, column: Column, today: date) -> date | None:
    try:
        day = parse_date(row.values.get(column.key, ""))
    except ValueError as error:
        row.error(column, str(error))
        return None
    if day > today:
        row.error(column, _("This date is in the future."))
        return None
    return day


def _check_children(row: Row, kind: str, today: date) -> list[ChildData]:
    children = []
    filled = False
    for number in CHILD_NUMBERS:
        name_column, born_column = child_first_name(number), child_date_of_birth(number)
        first_name = _text(row, name_column)
        born_text = row.values.get(born_column.key, "").strip()
        if not first_name and not born_text:
            continue
        filled = True
        if kind != Kind.REQUEST:
            row.error(
                name_column if first_name else born_column,
                _("Children are only recorded for requesting families: leave this empty."),
            )
            continue
        if not first_name:
            row.error(name_column, _("Fill in the child's first name."))
        if not born_text:
            row.error(born_column, _("Fill in the child's date of birth."))
            continue
        born = _check_date(row, born_column, today)
        if born is None:
            continue
        if policy.age_on(born, today) > policy.CHILD_MAX_AGE:
            row.error(
                born_column,
                _("Buurtgezinnen is for children up to %(age)s years old.")
                % {"age": policy.CHILD_MAX_AGE},
            )
            continue
        if first_name:
            children.append(ChildData(first_name=first_name, date_of_birth=born))
    if kind == Kind.REQUEST and not filled:
        row.error(child_first_name(1), _("A requesting family needs at least one child (kind 1)."))
    return children


def _channel_key(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).replace("_", " ")
    return " ".join(text.split()).casefold()


def channel_names() -> dict[str, str]:
    """Every accepted way of writing a channel, normalised, to its value."""
    names: dict[str, str] = {}
    for value, label in Channel.choices:
        names[_channel_key(value)] = value
        names[_channel_key(str(label))] = value
        with translation.override("en"):
            names[_channel_key(str(label))] = value
        with translation.override("nl"):
            dutch = _channel_key(str(label))
            names[dutch] = value
            names[dutch.removeprefix("een ")] = value
    for word, value in CHANNEL_SYNONYMS.items():
        names[_channel_key(word)] = value
    return names


def dutch_channel_labels() -> list[str]:
    with translation.override("nl"):
        return [str(label) for _value, label in Channel.choices]


def _check_channel(row: Row, channels: dict[str, str]) -> str:
    value = _text(row, CHANNEL)
    if not value:
        return ""
    channel = channels.get(_channel_key(value))
    if channel is None:
        row.error(
            CHANNEL,
            _("Unknown value. Use one of: %(values)s.")
            % {"values": ", ".join(dutch_channel_labels())},
        )
        return ""
    return channel


def _is_example(values: dict[str, str]) -> bool:
    return (
        values.get("name", "").strip() == EXAMPLE_ROW["name"]
        and values.get("email", "").strip().casefold() == EXAMPLE_ROW["email"]
    )


# --- The template ------------------------------------------------------------------------------


def _explanations() -> dict[str, str]:
    children = {}
    for n in CHILD_NUMBERS:
        children[f"child{n}_first_name"] = _(
            "First name of child %(number)s. Requesting families only: at least one child."
        ) % {"number": n}
        children[f"child{n}_date_of_birth"] = _(
            "Date of birth of child %(number)s, e.g. 31-12-2015. Children are 0 to %(age)s "
            "years old."
        ) % {"number": n, "age": policy.CHILD_MAX_AGE}
    return {
        "name": _("How you refer to the family, e.g. Jansen."),
        "first_name": _("First name of the parent or caregiver who is the contact person."),
        "last_name": _("Last name of the parent or caregiver."),
        "email": _(
            "E-mail address of the parent. Fill in an e-mail address, a phone number or both."
        ),
        "phone": _("Phone number, e.g. 06 12345678 or +31 6 12345678."),
        "languages": _("Languages spoken at home, separated by commas."),
        "street": _("Street."),
        "house_number": _("House number with any addition, e.g. 12a."),
        "postcode": _(
            "Postcode, e.g. 3511 AB. It must lie in the municipality you choose when uploading."
        ),
        "place": _("Place of residence."),
        **children,
        "channel": _("How the family heard of Buurtgezinnen. One of: %(values)s.")
        % {"values": ", ".join(dutch_channel_labels())},
        "applied_on": _("Date of the application, e.g. 31-12-2025. Empty: today."),
        "note": _("A note with the application."),
    }


def template_workbook() -> bytes:
    """An XLSX with the column names, one fictional example row and a sheet "Uitleg"."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_FAMILIES
    sheet.append(list(HEADERS))
    sheet.append([EXAMPLE_ROW.get(column.key) for column in COLUMNS])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index).font = bold
        sheet.column_dimensions[letter].width = max(12, len(column.header) + 4)
        is_date = column.key.endswith("date_of_birth") or column is APPLIED_ON
        # Text cells keep the leading zero of a phone number; date cells show dd-mm-yyyy.
        number_format = "DD-MM-YYYY" if is_date else "@"
        sheet.column_dimensions[letter].number_format = number_format
        sheet.cell(row=2, column=index).number_format = number_format
    channel_column = get_column_letter(COLUMNS.index(CHANNEL) + 1)
    choices = DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(dutch_channel_labels())),
        allow_blank=True,
        showErrorMessage=False,
    )
    choices.add(f"{channel_column}2:{channel_column}{MAX_ROWS + 1}")
    sheet.add_data_validation(choices)

    explanation = workbook.create_sheet(SHEET_EXPLANATION)
    explanation.column_dimensions["A"].width = 26
    explanation.column_dimensions["B"].width = 12
    explanation.column_dimensions["C"].width = 90
    for line in (
        _("Fill in one family per row, from row 2 on. Keep the column names in row 1."),
        _("Delete the example row (Jansen) before you upload the file."),
        _(
            "Dates: a date cell, or written as 31-12-2015, 31/12/2015 or 2015-12-31. "
            "Always write the year with four digits."
        ),
        _(
            "At most %(rows)s families and 2 MB per file. You may also save the sheet as CSV "
            "(separated by ; or ,)."
        )
        % {"rows": f"{MAX_ROWS:,}".replace(",", ".")},
        _("Nothing is imported until every row is correct: the preview shows what to fix."),
    ):
        explanation.append([line])
        number = explanation.max_row
        explanation.merge_cells(start_row=number, start_column=1, end_row=number, end_column=3)
    explanation.append([])
    explanation.append([_("Column"), _("Required"), _("Explanation")])
    for cell in explanation[explanation.max_row]:
        cell.font = bold
    texts = _explanations()
    required = {column.key for column in REQUIRED}
    for column in COLUMNS:
        explanation.append(
            [
                column.header,
                _("yes") if column.key in required else _("no"),
                texts[column.key],
            ]
        )
    for row in explanation.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
