"""Import of families from a spreadsheet: reading, checking, preview, all-or-nothing import."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook

from buurtgezinnen.families import actions, importing
from buurtgezinnen.families.import_views import SESSION_KEY
from buurtgezinnen.families.importing import ImportFileError, Table
from buurtgezinnen.families.models import Channel, EventKind, Family, Kind, Source
from buurtgezinnen.geo import postcodes
from tests.conftest import World
from tests.families.factories import make_family

TODAY = timezone.localdate()
UTRECHT = "GM0344"
HEADER = [
    "Gezinsnaam",
    " voornaam ouder ",
    "ACHTERNAAM OUDER",
    "e-mail",
    "telefoon",
    "talen",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "kind 1 voornaam",
    "kind 1 geboortedatum",
    "kind 2 voornaam",
    "kind 2 geboortedatum",
    "hoe bekend",
    "aangemeld op",
    "toelichting",
]


def born(years: int) -> date:
    return TODAY - timedelta(days=365 * years + 40)


def family_row(name: str = "De Vries", **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "gezinsnaam": name,
        "voornaam ouder": "Fatima",
        "achternaam ouder": name,
        "e-mail": f"{name.lower().replace(' ', '')}@voorbeeld.nl",
        "telefoon": "06-12345678",
        "talen": "Nederlands; Arabisch",
        "straat": "Lange Nieuwstraat",
        "huisnummer": "4",
        "postcode": "3512 pm",
        "woonplaats": "Utrecht",
        "kind 1 voornaam": "Yara",
        "kind 1 geboortedatum": born(7).strftime("%d-%m-%Y"),
        "kind 2 voornaam": "",
        "kind 2 geboortedatum": "",
        "hoe bekend": "School",
        "aangemeld op": "",
        "toelichting": "",
    }
    row.update(changes)
    return row


def table(*rows: dict[str, Any], header: list[str] = HEADER) -> Table:
    keys = [h.strip().lower() for h in header]
    return Table(
        header=list(header),
        rows=[
            (number, [importing.cell_text(row.get(key, "")) for key in keys])
            for number, row in enumerate(rows, start=2)
        ],
    )


def check(*rows: dict[str, Any], kind: str = Kind.REQUEST, **kwargs: Any) -> importing.Result:
    with translation.override("en"):
        return importing.validate(
            table(*rows),
            kind=kind,
            municipality_code=UTRECHT,
            municipality_name="Utrecht",
            **kwargs,
        )


def errors_of(result: importing.Result, index: int = 0) -> dict[str, str]:
    return {error.column: error.message for error in result.rows[index].errors}


# --- Checking rows (pure) ----------------------------------------------------------------------


def test_good_rows_become_applications() -> None:
    result = check(
        family_row(),
        family_row(
            "Bakker",
            **{
                "kind 2 voornaam": "Mees",
                "kind 2 geboortedatum": born(15),
                "postcode": "3511AB",
                "hoe bekend": "huisarts",
                "aangemeld op": "2025-03-01",
                "telefoon": "",
                "toelichting": "Eerste regel\nTweede regel",
            },
        ),
        consent=True,
    )
    assert (result.ok_count, result.error_count) == (2, 0)
    (_, first), (number, second) = result.applications
    assert number == 3
    assert first.kind == Kind.REQUEST and first.source == Source.IMPORT and first.consent
    assert first.name == "De Vries" and first.postcode == "3512 PM"
    assert first.people[0].first_name == "Fatima"
    assert first.people[0].phone == "06-12345678"
    assert first.people[0].languages == "Nederlands, Arabisch"
    assert first.channel == Channel.SCHOOL
    assert first.applied_on == TODAY
    assert [c.first_name for c in first.children] == ["Yara"]
    assert second.postcode == "3511 AB"
    assert second.channel == Channel.PROFESSIONAL
    assert second.applied_on == date(2025, 3, 1)
    assert [(c.first_name, c.date_of_birth) for c in second.children] == [
        ("Yara", born(7)),
        ("Mees", born(15)),
    ]
    assert second.note == "Eerste regel\nTweede regel"


def test_support_family_without_children() -> None:
    row = family_row(**{"kind 1 voornaam": "", "kind 1 geboortedatum": ""})
    result = check(row, kind=Kind.SUPPORT)
    assert result.error_count == 0
    assert result.applications[0][1].kind == Kind.SUPPORT


@pytest.mark.parametrize(
    ("changes", "column", "expected"),
    [
        ({"gezinsnaam": " "}, "gezinsnaam", "This is required."),
        ({"voornaam ouder": ""}, "voornaam ouder", "This is required."),
        ({"postcode": ""}, "postcode", "This is required."),
        ({"postcode": "12345"}, "postcode", postcodes.MalformedPostcode.default_message),
        ({"postcode": "3811 CD"}, "postcode", "This postcode lies in Amersfoort, not in Utrecht."),
        ({"e-mail": "fatima@"}, "e-mail", "This is not a valid e-mail address."),
        ({"telefoon": "12345"}, "telefoon", "This is not a valid phone number"),
        (
            {"telefoon": "", "e-mail": ""},
            "telefoon",
            "Fill in a phone number or an e-mail address.",
        ),
        ({"kind 1 geboortedatum": "31-02-2015"}, "kind 1 geboortedatum", "does not exist"),
        ({"kind 1 geboortedatum": "31-12-15"}, "kind 1 geboortedatum", "four digits"),
        ({"kind 1 geboortedatum": "gisteren"}, "kind 1 geboortedatum", "This is not a date"),
        (
            {"kind 1 geboortedatum": (TODAY + timedelta(days=1)).isoformat()},
            "kind 1 geboortedatum",
            "in the future",
        ),
        ({"kind 1 geboortedatum": born(24)}, "kind 1 geboortedatum", "up to 23 years old"),
        ({"kind 1 geboortedatum": ""}, "kind 1 geboortedatum", "date of birth"),
        ({"kind 1 voornaam": ""}, "kind 1 voornaam", "first name"),
        (
            {"kind 1 voornaam": "", "kind 1 geboortedatum": ""},
            "kind 1 voornaam",
            "at least one child",
        ),
        ({"hoe bekend": "de krant"}, "hoe bekend", "Unknown value. Use one of: school, "),
        (
            {"aangemeld op": (TODAY + timedelta(days=3)).strftime("%d/%m/%Y")},
            "aangemeld op",
            "in the future",
        ),
        ({"gezinsnaam": "x" * 151}, "gezinsnaam", "At most 150 characters."),
    ],
)
def test_each_kind_of_error(changes: dict[str, Any], column: str, expected: str) -> None:
    result = check(family_row(**changes))
    assert result.error_count == 1
    assert expected in errors_of(result).get(column, ""), errors_of(result)
    assert result.rows[0].application is None
    with pytest.raises(ValueError):
        _ = result.applications


def test_support_families_take_no_children() -> None:
    result = check(family_row(), kind=Kind.SUPPORT)
    assert "only recorded for requesting families" in errors_of(result)["kind 1 voornaam"]


def test_duplicates_within_the_file_and_with_existing_families() -> None:
    result = check(
        family_row("Jansen-Smit"),
        family_row("De Vries"),
        family_row(" jansen-smit ", postcode="3512PM"),
        existing=[importing.family_key("De Vries", "3512 PM")],
    )
    assert result.rows[0].errors == []
    assert "already registered" in errors_of(result, 1)["gezinsnaam"]
    assert errors_of(result, 2)["gezinsnaam"] == "Same family name and postcode as row 2."
    assert (result.ok_count, result.error_count) == (1, 2)


def test_the_example_row_of_the_template_is_refused() -> None:
    example = {column.header: value for column, value in _example_cells()}
    result = check(example)
    assert "example row" in errors_of(result)[""]


def _example_cells() -> list[tuple[importing.Column, Any]]:
    return [(c, importing.EXAMPLE_ROW.get(c.key, "")) for c in importing.COLUMNS]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31-12-2015", date(2015, 12, 31)),
        ("1-2-2015", date(2015, 2, 1)),
        ("31/12/2015", date(2015, 12, 31)),
        ("31.12.2015", date(2015, 12, 31)),
        ("2015-12-31", date(2015, 12, 31)),
        ("2015-12-31 00:00:00", date(2015, 12, 31)),
        (" 31-12-2015 ", date(2015, 12, 31)),
    ],
)
def test_date_forms(text: str, expected: date) -> None:
    assert importing.parse_date(text) == expected


@pytest.mark.parametrize("text", ["31-12-15", "12/31/2015", "42369", "31-12/2015", ""])
def test_dates_refused(text: str) -> None:
    with pytest.raises(ValueError):
        importing.parse_date(text)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("Facebook", Channel.FACEBOOK),
        ("INSTAGRAM", Channel.INSTAGRAM),
        ("vrijwilligerscentrale", Channel.VOLUNTEER_CENTRE),
        ("volunteer_centre", Channel.VOLUNTEER_CENTRE),
        ("volunteer centre", Channel.VOLUNTEER_CENTRE),
        ("een professional", Channel.PROFESSIONAL),
        ("Huisarts", Channel.PROFESSIONAL),
        ("buurthuis", Channel.COMMUNITY_CENTRE),
        ("kerk", Channel.CHURCH),
        ("anders", Channel.OTHER),
    ],
)
def test_how_they_heard_of_us(written: str, value: str) -> None:
    result = check(family_row(**{"hoe bekend": written}))
    assert result.applications[0][1].channel == value


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("0612345678", "0612345678"),
        ("+31 6 12345678", "+31 6 12345678"),
        ("0031 30 1234567", "0031 30 1234567"),
        ("(030) 123 45 67", "(030) 123 45 67"),
        (612345678, "0612345678"),  # a number cell: Excel dropped the zero
        ("+32 470 12 34 56", "+32 470 12 34 56"),
    ],
)
def test_phone_numbers(written: Any, stored: str) -> None:
    result = check(family_row(telefoon=written))
    assert result.applications[0][1].people[0].phone == stored


def test_a_postcode_shared_by_two_municipalities_counts_for_both() -> None:
    area = postcodes.lookup("1096")
    assert area.is_shared
    for ref in area.municipalities:
        result = importing.validate(
            table(family_row(postcode="1096 AB")), kind=Kind.REQUEST, municipality_code=ref.code
        )
        assert result.error_count == 0, errors_of(result)
    result = importing.validate(
        table(family_row(postcode="1096 AB")), kind=Kind.REQUEST, municipality_code=UTRECHT
    )
    assert "postcode" in errors_of(result)


# --- Columns and files (pure) -------------------------------------------------------------------


def test_columns_are_matched_loosely_and_unknown_ones_reported() -> None:
    keys, ignored = importing.columns(
        [
            "GEZINSNAAM",
            "Voornaam  ouder",
            "achternaam_ouder",
            "E-mailadres",
            "Postcode:",
            "Kind2 geboortedatum",
            "Huisdieren",
        ]
    )
    assert keys == [
        "name",
        "first_name",
        "last_name",
        "email",
        "postcode",
        "child2_date_of_birth",
        None,
    ]
    assert ignored == ["Huisdieren"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["gezinsnaam", "voornaam ouder", "achternaam ouder"], "Missing: postcode"),
        ([*HEADER, "Postcode"], "appears twice"),
        ([*HEADER, "kind 7 voornaam"], "at most 6 children"),
    ],
)
def test_bad_headers(header: list[str], message: str) -> None:
    with translation.override("en"), pytest.raises(ImportFileError, match=message):
        importing.columns(header)


def csv_bytes(rows: list[dict[str, Any]], *, sep: str = ";", encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=sep, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row.get(h.strip().lower(), "") for h in HEADER])
    return text.getvalue().encode(encoding)


@pytest.mark.parametrize(
    ("sep", "encoding"),
    [(";", "utf-8-sig"), (";", "utf-8"), (",", "utf-8"), (";", "cp1252"), ("\t", "utf-16")],
)
def test_csv_separators_and_encodings(sep: str, encoding: str) -> None:
    row = family_row("Çelik-Zoë", **{"e-mail": "celik@voorbeeld.nl"})
    content = csv_bytes([row], sep=sep, encoding=encoding)
    read = importing.read_table(content, "gezinnen.csv")
    assert read.header == [h.strip() for h in HEADER]
    assert read.rows[0][0] == 2
    assert read.rows[0][1][0] == "Çelik-Zoë"
    assert check_table(read).error_count == 0


def check_table(read: Table) -> importing.Result:
    return importing.validate(read, kind=Kind.REQUEST, municipality_code=UTRECHT)


def test_csv_with_quotes_and_blank_rows() -> None:
    content = (
        csv_bytes([family_row()], sep=",")
        + b",,,,\r\n"
        + csv_bytes([family_row("Smit", toelichting='Zegt: "graag, snel"')], sep=",").split(
            b"\r\n", 1
        )[1]
    )
    read = importing.read_table(content, "gezinnen.csv")
    assert [number for number, _ in read.rows] == [2, 4]
    assert check_table(read).rows[1].values["note"] == 'Zegt: "graag, snel"'


def xlsx_bytes(
    rows: list[list[Any]], *, header: list[str] = HEADER, blank_first: bool = False
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if blank_first:
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_row(row: dict[str, Any]) -> list[Any]:
    return [row.get(h.strip().lower(), "") or None for h in HEADER]


def test_xlsx_cells_become_text() -> None:
    row = family_row(
        telefoon=612345678,
        huisnummer=12,
        **{
            "kind 1 geboortedatum": datetime.combine(born(4), datetime.min.time()),
            "aangemeld op": date(2025, 1, 31),
        },
    )
    read = importing.read_table(xlsx_bytes([xlsx_row(row)], blank_first=True), "gezinnen.xlsx")
    assert read.rows[0][0] == 3  # the row number in Excel
    values = dict(zip(HEADER, read.rows[0][1], strict=True))
    assert values["kind 1 geboortedatum"] == born(4).isoformat()
    assert values["aangemeld op"] == "2025-01-31"
    assert values["huisnummer"] == "12"
    application = check_table(read).applications[0][1]
    assert application.people[0].phone == "0612345678"
    assert application.children[0].date_of_birth == born(4)


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "leeg.csv", "empty"),
        (b"\r\n;;\r\n", "leeg.csv", "empty"),
        (";".join(HEADER).encode(), "alleen-kop.csv", "no families"),
        (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "oud.xls", "old Excel file"),
        (b"geen zip", "kapot.xlsx", "cannot be read as an Excel workbook"),
        (b"PK\x03\x04 kapot", "kapot.xlsx", "cannot be read as an Excel workbook"),
        (b"naam;adres\r\nJansen;Hier\r\n", "anders.csv", "Missing: gezinsnaam"),
        (b"x" * (importing.MAX_FILE_BYTES + 1), "groot.csv", "larger than 2 MB"),
    ],
)
def test_files_that_cannot_be_used(content: bytes, filename: str, message: str) -> None:
    with translation.override("en"), pytest.raises(ImportFileError, match=message):
        importing.read_table(content, filename)


def test_at_most_2000_families() -> None:
    rows = [family_row(f"Gezin{n}") for n in range(importing.MAX_ROWS)]
    assert len(importing.read_table(csv_bytes(rows), "a.csv").rows) == importing.MAX_ROWS
    with translation.override("en"), pytest.raises(ImportFileError, match=r"more than 2\.000"):
        importing.read_table(csv_bytes([*rows, family_row("Eentemeer")]), "a.csv")


def test_the_table_survives_json() -> None:
    import json

    read = importing.read_table(csv_bytes([family_row()]), "a.csv")
    again = Table.from_json(json.loads(json.dumps(read.to_json())))
    assert again == read


# --- The pages ---------------------------------------------------------------------------------

UPLOAD = "families:import_upload"
CONFIRM = "families:import_confirm"


def upload(
    client: Client,
    municipality: Any,
    content: bytes,
    filename: str = "gezinnen.xlsx",
    kind: str = Kind.REQUEST,
) -> Any:
    return client.post(
        reverse(UPLOAD),
        {
            "municipality": municipality.pk,
            "kind": kind,
            "consent": "on",
            "file": SimpleUploadedFile(filename, content),
        },
    )


def good_xlsx() -> bytes:
    return xlsx_bytes(
        [
            xlsx_row(family_row("De Vries")),
            xlsx_row(
                family_row(
                    "Bakker",
                    postcode="3521 CD",
                    **{
                        "kind 1 geboortedatum": datetime.combine(born(3), datetime.min.time()),
                        "kind 2 voornaam": "Noor",
                        "kind 2 geboortedatum": born(11).strftime("%Y-%m-%d"),
                        "hoe bekend": "Facebook",
                    },
                )
            ),
            xlsx_row(family_row("El Amrani", telefoon=612345678)),
        ]
    )


def token_of(response: Any) -> str:
    return response.context["token"]


@pytest.mark.django_db
def test_good_xlsx_previews_and_imports(world: World, as_actor) -> None:
    client = as_actor("coordinator_utrecht")
    response = upload(client, world.utrecht, good_xlsx())
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.ok_count, result.error_count) == (3, 0)
    html = response.content.decode()
    assert "Bakker" in html and 'name="token"' in html
    assert Family.objects.count() == 0  # nothing before the confirmation
    stored = client.session[SESSION_KEY]
    assert stored["token"] == token_of(response) and len(stored["rows"]) == 3

    response = client.post(reverse(CONFIRM), {"token": token_of(response)})
    assert response.status_code == 302 and response["Location"] == reverse("families:overview")
    families = Family.objects.filter(municipality=world.utrecht).order_by("name")
    assert [f.name for f in families] == ["Bakker", "De Vries", "El Amrani"]
    bakker = families[0]
    assert bakker.source == "import" and bakker.kind == Kind.REQUEST
    assert bakker.postcode == "3521 CD" and bakker.pc4 == "3521"
    assert bakker.channel == Channel.FACEBOOK
    assert bakker.consent_at is not None
    assert [(c.first_name, c.date_of_birth) for c in bakker.children.order_by("pk")] == [
        ("Yara", born(3)),
        ("Noor", born(11)),
    ]
    person = bakker.people.get()
    assert (person.first_name, person.is_contact) == ("Fatima", True)
    assert families[2].people.get().phone == "0612345678"
    for family in families:
        event = family.events.get()
        assert event.kind == EventKind.IMPORTED
        assert event.by == world.users["coordinator_utrecht"]
    assert SESSION_KEY not in client.session
    # The same token again: gone, nothing imported twice.
    again = client.post(reverse(CONFIRM), {"token": stored["token"]})
    assert again.status_code == 200 and again.context["expired"]
    assert Family.objects.count() == 3


@pytest.mark.django_db
def test_csv_with_semicolons_imports_support_families(world: World, as_actor) -> None:
    client = as_actor("regional_utrecht")
    rows = [
        family_row(name, postcode="3701 AB", **{"kind 1 voornaam": "", "kind 1 geboortedatum": ""})
        for name in ("Visser", "Mulder")
    ]
    response = upload(
        client, world.zeist, csv_bytes(rows, encoding="utf-8-sig"), "steun.csv", Kind.SUPPORT
    )
    assert response.context["result"].error_count == 0
    response = client.post(reverse(CONFIRM), {"token": token_of(response)})
    assert response.status_code == 302
    families = Family.objects.filter(municipality=world.zeist, kind=Kind.SUPPORT)
    assert families.count() == 2
    assert all(f.source == Source.IMPORT and hasattr(f, "offer") for f in families)


@pytest.mark.django_db
def test_one_bad_row_blocks_the_whole_import(world: World, as_actor) -> None:
    client = as_actor("coordinator_utrecht")
    content = xlsx_bytes(
        [
            xlsx_row(family_row("De Vries")),
            xlsx_row(family_row("Bakker", postcode="3811 CD")),
            xlsx_row(family_row("Smit")),
        ]
    )
    response = upload(client, world.utrecht, content)
    result = response.context["result"]
    assert (result.ok_count, result.error_count) == (2, 1)
    html = response.content.decode()
    assert "Amersfoort" in html  # the message: the postcode lies in Amersfoort
    assert "disabled" in html
    response = client.post(reverse(CONFIRM), {"token": token_of(response)})
    assert response.status_code == 200
    assert response.context["import_error"]
    assert Family.objects.count() == 0


@pytest.mark.django_db
def test_a_failure_the_check_cannot_see_imports_nothing(
    world: World, as_actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = as_actor("coordinator_utrecht")
    response = upload(client, world.utrecht, good_xlsx())
    token = token_of(response)
    real = actions.submit_application
    calls = []

    def second_fails(**kwargs: Any) -> Family:
        calls.append(kwargs["application"].name)
        if len(calls) == 2:
            raise ValidationError("De database weigert dit gezin.")
        return real(**kwargs)

    monkeypatch.setattr(actions, "submit_application", second_fails)
    response = client.post(reverse(CONFIRM), {"token": token})
    assert response.status_code == 200
    assert "De database weigert dit gezin." in response.context["import_error"]
    assert "3" in response.context["import_error"]  # row 3 of the sheet
    assert len(calls) == 2
    assert Family.objects.count() == 0  # the first family was rolled back too
    assert SESSION_KEY in client.session  # the coordinator can try again
    monkeypatch.setattr(actions, "submit_application", real)
    assert client.post(reverse(CONFIRM), {"token": token}).status_code == 302
    assert Family.objects.count() == 3


@pytest.mark.django_db
def test_another_municipality_is_refused(world: World, as_actor) -> None:
    client = as_actor("coordinator_utrecht")
    content = xlsx_bytes([xlsx_row(family_row(postcode="3811 CD"))])
    response = upload(client, world.amersfoort, content)
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert SESSION_KEY not in client.session
    # A session pointing at a municipality outside the scope (forged, or the role was removed).
    good = upload(client, world.utrecht, content)
    session = client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], "municipality": world.amersfoort.pk}
    session.save()
    response = client.post(reverse(CONFIRM), {"token": token_of(good)})
    assert response.status_code == 404
    assert Family.objects.count() == 0


@pytest.mark.django_db
def test_a_token_works_only_for_its_own_session(world: World, as_actor) -> None:
    mine = as_actor("coordinator_utrecht")
    token = token_of(upload(mine, world.utrecht, good_xlsx()))
    other = as_actor("regional_utrecht")
    response = other.post(reverse(CONFIRM), {"token": token})
    assert response.status_code == 200 and response.context["expired"]
    assert mine.post(reverse(CONFIRM), {"token": "niet-dit"}).context["expired"]
    assert mine.get(reverse(CONFIRM)).status_code == 405
    assert Family.objects.count() == 0


@pytest.mark.django_db
def test_cancel_forgets_the_upload(world: World, as_actor) -> None:
    client = as_actor("coordinator_utrecht")
    token = token_of(upload(client, world.utrecht, good_xlsx()))
    response = client.post(reverse(CONFIRM), {"token": token, "cancel": "1"})
    assert response.status_code == 302 and response["Location"] == reverse(UPLOAD)
    assert SESSION_KEY not in client.session
    assert Family.objects.count() == 0


@pytest.mark.django_db
def test_existing_families_are_duplicates(world: World, as_actor) -> None:
    make_family(world.utrecht, name="De Vries")  # postcode 3511 AB
    client = as_actor("coordinator_utrecht")
    response = upload(client, world.utrecht, xlsx_bytes([xlsx_row(family_row(postcode="3511ab"))]))
    assert response.context["result"].error_count == 1


@pytest.mark.django_db
def test_upload_form_errors(world: World, as_actor) -> None:
    client = as_actor("coordinator_utrecht")
    response = upload(client, world.utrecht, b"PK\x03\x04 kapot", "gezinnen.xlsx")
    assert response.status_code == 200 and "file" in response.context["form"].errors
    response = upload(client, world.utrecht, b"x", "gezinnen.pdf")
    assert "file" in response.context["form"].errors
    big = b"x" * (importing.MAX_FILE_BYTES + 1)
    assert "file" in upload(client, world.utrecht, big, "groot.csv").context["form"].errors
    response = client.post(
        reverse(UPLOAD),
        {
            "municipality": world.utrecht.pk,
            "kind": Kind.REQUEST,
            "file": SimpleUploadedFile("a.xlsx", good_xlsx()),
        },
    )
    assert "consent" in response.context["form"].errors
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
def test_a_coordinator_with_one_municipality_has_it_chosen(world: World, as_actor) -> None:
    response = as_actor("coordinator_utrecht").get(reverse(UPLOAD))
    form = response.context["form"]
    assert form.fields["municipality"].initial == world.utrecht
    assert list(form.fields["municipality"].queryset) == [world.utrecht]
    regional = as_actor("regional_utrecht").get(reverse(UPLOAD)).context["form"]
    assert regional.fields["municipality"].initial is None
    assert set(regional.fields["municipality"].queryset) == {world.utrecht, world.zeist}


@pytest.mark.django_db
def test_only_case_workers(world: World, as_actor) -> None:
    for actor in ("national_office", "contact_utrecht", "helpline", "no_role"):
        assert as_actor(actor).get(reverse(UPLOAD)).status_code == 403
        assert as_actor(actor).get(reverse("families:import_template")).status_code == 403
    assert as_actor("anonymous").get(reverse(UPLOAD)).status_code == 302


@pytest.mark.django_db
def test_template_download(world: World, as_actor) -> None:
    client = as_actor("coordinator_utrecht")
    response = client.get(reverse("families:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [importing.SHEET_FAMILIES, "Uitleg"]
    sheet = workbook[importing.SHEET_FAMILIES]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(importing.HEADERS)
    assert rows[1][0] == "Jansen" and rows[1][importing.HEADERS.index("postcode")] == "3511 AB"
    explained = {row[0] for row in workbook["Uitleg"].iter_rows(values_only=True)}
    assert set(importing.HEADERS) <= explained
    # Uploaded unchanged, the template's example row is refused, not imported.
    preview = upload(client, world.utrecht, response.content)
    assert preview.context["result"].error_count == 1


@pytest.mark.django_db
def test_query_counts(world: World, as_actor, django_assert_max_num_queries) -> None:
    client = as_actor("coordinator_utrecht")
    client.get(reverse(UPLOAD))  # the session's first write
    # session, user, roles (3) + municipalities for the form x2 (2) = 5, +2
    with django_assert_max_num_queries(7):
        assert client.get(reverse(UPLOAD)).status_code == 200
    rows = [xlsx_row(family_row(f"Gezin{n}")) for n in range(60)]
    content = xlsx_bytes([*rows, xlsx_row(family_row("Fout", postcode="0000"))])
    # session, user, roles (3) + municipalities x2, families (3) + session write (3) = 9, +2
    with django_assert_max_num_queries(11):
        response = upload(client, world.utrecht, content)
    assert (response.context["result"].ok_count, response.context["result"].error_count) == (60, 1)
    # preview again after a refused confirmation: session, user, roles, municipality, families, +2
    with django_assert_max_num_queries(7):
        response = client.post(reverse(CONFIRM), {"token": token_of(response)})
    assert response.context["import_error"]
