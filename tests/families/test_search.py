"""Search by name and phone: the same answers on SQLite and PostgreSQL, each family once, a fixed
number of queries, never outside the user's scope, and on PostgreSQL through the trigram indexes
(decision 46). CI runs this file on both databases."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from buurtgezinnen.core.search import fold, phone_digits, phone_query
from buurtgezinnen.families import selectors
from buurtgezinnen.families.models import Family, Person
from buurtgezinnen.org.models import User
from tests.conftest import World
from tests.families.factories import make_family


def _names(user: User, query: str) -> list[str]:
    return [family.name for family in selectors.search(user, query)]


def test_fold_is_upper_case_letter_by_letter() -> None:
    assert fold("Öztürk-Çelik") == "ÖZTÜRK-ÇELIK"
    # PostgreSQL's UPPER keeps ß; so does the function SQLite uses.
    assert fold("Straße") == "STRAßE"
    assert fold(None) is None


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("06 12345678", "612345678"),
        ("06-12 34 56 78", "612345678"),
        ("+31 6 1234 5678", "612345678"),
        ("+31 (0)6 12345678", "612345678"),
        ("0031 6 12345678", "612345678"),
        ("(030) 123 45 67", "301234567"),
        ("12345678", "12345678"),
        ("345678", "345678"),
        ("+49 30 1234567", "49301234567"),
        ("12345", ""),
        ("3511 AB", ""),
        ("Jansen", ""),
    ],
)
def test_phone_query_leaves_off_the_country_code_and_the_zero(typed: str, digits: str) -> None:
    assert phone_query(typed) == digits


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("öztürk", ["Öztürk"]),
        ("ÖZTÜRK", ["Öztürk"]),
        ("ztü", ["Öztürk"]),
        ("MÜLLER", ["Müller"]),
        ("müller", ["Müller"]),
        ("ÇELIK", ["Çelik"]),
        ("van der", ["van der Berg"]),
        ("VAN DER BERG", ["van der Berg"]),
        ("%", []),
        ("_", []),
        # No accent folding: "Muller" does not find "Müller", on either database.
        ("Muller", []),
        ("Ozturk", []),
    ],
)
def test_names_in_any_case_the_same_on_every_database(
    world: World, query: str, found: list[str]
) -> None:
    for name in ("Öztürk", "Müller", "Çelik", "van der Berg"):
        make_family(world.utrecht, name=name)
    assert _names(world.users["coordinator_utrecht"], query) == found


@pytest.mark.django_db
def test_a_parents_first_or_last_name_finds_the_family(world: World) -> None:
    family = make_family(world.utrecht, name="Bakker")
    Person.objects.create(family=family, first_name="Zoë", last_name="Şahin")
    anouk = world.users["coordinator_utrecht"]
    assert _names(anouk, "ZOË") == ["Bakker"]
    assert _names(anouk, "şahin") == ["Bakker"]


STORED = ("0612345678", "06-12345678", "06 12 34 56 78", "+31 6 1234 5678", "0031 (0)6 12345678")
TYPED = ("0612345678", "06-123 456 78", "+31612345678", "+31 (0)6 12 34 56 78", "612345678")


@pytest.mark.django_db
@pytest.mark.parametrize("stored", STORED)
def test_a_phone_number_in_any_common_format(world: World, stored: str) -> None:
    make_family(world.utrecht, name="Telefoon", phone=stored)
    make_family(world.utrecht, name="Ander", phone="0687654321")
    anouk = world.users["coordinator_utrecht"]
    for typed in TYPED:
        assert _names(anouk, typed) == ["Telefoon"], typed
    # The last digits alone, as someone reads them from a missed call.
    assert _names(anouk, "345678") == ["Telefoon"]
    # Five digits are not a phone number (nor a name or postcode here).
    assert _names(anouk, "45678") == []


@pytest.mark.django_db
def test_the_stored_digits_in_sql_hold_what_is_typed(world: World) -> None:
    """``phone_digits`` (SQL) and ``phone_query`` (Python) agree on every database."""
    for stored in STORED:
        make_family(world.utrecht, phone=stored)
    stored_digits = list(
        Person.objects.annotate(digits=phone_digits("phone"))
        .order_by("pk")
        .values_list("digits", flat=True)
    )
    assert stored_digits == [
        "0612345678",
        "0612345678",
        "0612345678",
        "31612345678",
        "00310612345678",
    ]
    assert all(phone_query(typed) in digits for typed in TYPED for digits in stored_digits)


@pytest.mark.django_db
def test_each_family_once(world: World) -> None:
    family = make_family(world.utrecht, name="Dubbel", phone="0611111111")
    Person.objects.create(
        family=family, first_name="Dubbel", last_name="Dubbel", phone="0611111111"
    )
    anouk = world.users["coordinator_utrecht"]
    for query in ("dubbel", "0611111111"):
        found = selectors.search(anouk, query)
        assert [f.pk for f in found] == [family.pk]
        assert found.count() == 1
        assert [f.pk for f in selectors.search_results(anouk, [family.pk])] == [family.pk]


@pytest.mark.django_db
def test_another_municipalitys_family_is_never_found(world: World) -> None:
    mine = make_family(world.utrecht, name="Visser", phone="0622222222")
    other = make_family(world.amersfoort, name="Visser", phone="0622222222")
    Person.objects.create(family=other, first_name="Yara", last_name="Oost", phone="0633333333")
    anouk = world.users["coordinator_utrecht"]
    for query in ("visser", "VISSER", "0622222222", "+31 6 22222222", "Sanne"):
        assert other.pk not in [f.pk for f in selectors.search(anouk, query)]
    assert [f.pk for f in selectors.search(anouk, "visser")] == [mine.pk]
    assert list(selectors.search(anouk, "Yara")) == []
    assert list(selectors.search(anouk, "0633333333")) == []
    # The national office has no case scope.
    assert list(selectors.search(world.users["national_office"], "visser")) == []


def _add(world: World, count: int) -> None:
    for _ in range(count):
        make_family(world.utrecht, name="Meerman", phone="0644444444")
        make_family(world.amersfoort, name="Meerman", phone="0644444444")


@pytest.mark.django_db
def test_the_search_page_has_the_same_queries_at_two_sizes(world: World, as_actor) -> None:
    client = as_actor("coordinator_utrecht")
    client.get("/start/")
    url = reverse("families:overview")
    counts = {}
    for size, query in ((5, "meerman"), (55, "meerman"), (0, "+31 6 4444 4444")):
        _add(world, size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"q": query})
        mine = Family.objects.filter(municipality=world.utrecht, name="Meerman")
        assert response.context["page"].paginator.count == mine.count()
        counts[size] = len(queries)
    # session, user, roles (3) + ids found, municipalities for the filter, page of families (3) = 6
    assert counts == {5: 6, 55: 6, 0: 6}
    page = client.get(url, {"q": "meerman", "page": 2}).context["page"]
    assert len(page) == 10 and page.paginator.count == 60


@pytest.mark.django_db
def test_the_search_runs_once_and_the_page_reads_its_rows(world: World, as_actor) -> None:
    """The ids found are one query (their number is the count); the page's rows with the list's
    columns another, by id: no COUNT over the search with its joins, no DISTINCT."""
    make_family(world.utrecht, name="Teller")
    client = as_actor("coordinator_utrecht")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("families:overview"), {"q": "teller"})
    assert [family.name for family in response.context["page"]] == ["Teller"]
    families = [q["sql"] for q in queries if 'FROM "families_family"' in q["sql"]]
    assert len(families) == 2
    assert not any(q["sql"].startswith("SELECT COUNT(*)") for q in queries)
    found, rows = families
    assert "UNION" in found and "DISTINCT" not in found and "families_conversation" not in found
    assert "UNION" not in rows and "SELECT DISTINCT" not in rows


@pytest.mark.django_db
def test_more_than_the_limit_says_so(world: World, as_actor, monkeypatch) -> None:
    monkeypatch.setattr(selectors, "SEARCH_LIMIT", 3)
    for _ in range(4):
        make_family(world.utrecht, name="Veel")
    response = as_actor("coordinator_utrecht").get(reverse("families:overview"), {"q": "veel"})
    assert response.context["page"].paginator.count == 3
    assert response.context["too_many"]
    assert "More than 3 families found" in response.content.decode() or "Meer dan 3" in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_user_search_folds_case(world: World, as_actor) -> None:
    User.objects.create_user("s.ozturk@example.nl", first_name="Şükrü", last_name="Öztürk")
    client = as_actor("national_office")
    for query in ("ÖZTÜRK", "şükrü", "S.OZTURK@"):
        page = client.get(reverse("org:user_list"), {"q": query}).context["page"]
        assert [user.last_name for user in page] == ["Öztürk"], query


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's"
)


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    return plan


@postgres_only
@pytest.mark.django_db
def test_the_search_can_use_the_trigram_indexes(world: World) -> None:
    make_family(world.utrecht, name="Jansen")
    connection.cursor().execute("ANALYZE")
    anouk = world.users["coordinator_utrecht"]
    plan = _plan(selectors.search(anouk, "jans"))
    for index in ("family_name_trgm", "person_first_name_trgm", "person_last_name_trgm"):
        assert index in plan, plan
    assert "person_phone_trgm" in _plan(selectors.search(anouk, "06 12345678"))


@postgres_only
@pytest.mark.django_db
def test_the_user_search_can_use_the_trigram_indexes(world: World) -> None:
    from django.db.models import Q

    query = "jans"
    users = User.objects.filter(
        Q(first_name__folded=query) | Q(last_name__folded=query) | Q(email__folded=query)
    )
    plan = _plan(users)
    for index in ("user_first_name_trgm", "user_last_name_trgm", "user_email_trgm"):
        assert index in plan, plan
