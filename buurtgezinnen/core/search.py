"""Searching text columns the same way on PostgreSQL and SQLite (decision 46).

- ``__folded`` (a lookup on every ``CharField``, so also ``EmailField``): contains, ignoring case
  also beyond ASCII. On PostgreSQL it is Django's ``icontains`` (``UPPER(col) LIKE UPPER(%x%)``),
  which a GIN trigram index on ``UPPER(col)`` serves (``trigram_indexes``). SQLite's ``LIKE`` folds
  ASCII only ("ÖZTÜRK" would not find "Öztürk"), so there it compares ``bg_fold(col)``, a function
  registered on every SQLite connection (``register_sqlite_functions``).
- ``phone_digits(field)``: a stored phone number with its separators and ``+`` removed, in SQL;
  ``phone_query(text)`` the digits to look for in it, from a number typed in any common format.

Accents are not ignored: "Muller" does not find "Müller" on either database (decision 46).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import CharField, Value
from django.db.models.functions import Replace, Upper
from django.db.models.lookups import IContains

from buurtgezinnen.core.phones import compact_phone

# What a stored phone number may hold besides digits (core.phones accepts these separators).
PHONE_NOISE = (" ", "-", "(", ")", ".", "+")
# Fewer digits than this are not looked for in phone numbers (a house number, part of a postcode).
PHONE_MIN_DIGITS = 6


def fold(value: str | None) -> str | None:
    """Upper case, letter by letter, as PostgreSQL's ``UPPER`` does: a letter whose upper case is
    longer (ß → SS) stays as it is."""
    if value is None:
        return None
    return "".join(upper if len(upper := ch.upper()) == 1 else ch for ch in value)


@CharField.register_lookup
class Folded(IContains):
    lookup_name = "folded"

    def as_sql(self, compiler: Any, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        # The backends know the operator and cast by the name "icontains".
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_sqlite(self, compiler: Any, connection: BaseDatabaseWrapper) -> tuple[str, list[Any]]:
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return (
            f"bg_fold({lhs_sql}) LIKE bg_fold({rhs_sql}) ESCAPE '\\'",
            [*lhs_params, *rhs_params],
        )


def register_sqlite_functions(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created``: gives SQLite the ``bg_fold`` that ``__folded`` uses."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("bg_fold", 1, fold, deterministic=True)


def phone_digits(field: str) -> models.Func:
    """The stored phone number in ``field`` without separators and ``+``, as SQL."""
    expression: models.Func | models.F = models.F(field)
    for noise in PHONE_NOISE:
        expression = Replace(expression, Value(noise), Value(""))
    assert isinstance(expression, models.Func)
    return expression


def phone_query(text: str) -> str:
    """The digits to look for in ``phone_digits`` when someone types ``text``; empty when it holds
    fewer than ``PHONE_MIN_DIGITS`` digits.

    The country code and the leading 0 are left off (06 12345678, +31 6 12345678, 0031 (0)6 …
    all become 612345678), so a number stored in one form is found when typed in another.
    """
    if sum(ch.isdigit() for ch in text) < PHONE_MIN_DIGITS:
        return ""
    compact = compact_phone(text)
    if compact.startswith("+31"):
        compact = compact[3:]
    elif compact.startswith("0"):
        compact = compact[1:]
    digits = "".join(ch for ch in compact if ch.isdigit())
    return digits if len(digits) >= PHONE_MIN_DIGITS else ""


def trigram_indexes(model: type[models.Model], columns: dict[str, str]) -> list[Any]:
    """The GIN trigram indexes (PostgreSQL) of ``columns`` of ``model`` (column: "text" or
    "phone"), each on the expression the search compares: ``UPPER(col)`` for ``__folded``,
    ``phone_digits`` for a phone."""
    from django.contrib.postgres.indexes import GinIndex, OpClass
    from django.db.models.expressions import OrderBy
    from django.db.models.functions import Collate
    from django.db.models.indexes import IndexExpression

    # As django.contrib.postgres does when installed (it is not): the operator class goes
    # outside the expression's brackets.
    IndexExpression.register_wrappers(OrderBy, OpClass, Collate)
    indexes = []
    for column, kind in columns.items():
        expression = phone_digits(column) if kind == "phone" else Upper(column)
        name = f"{model._meta.model_name}_{column}_trgm"
        indexes.append(GinIndex(OpClass(expression, name="gin_trgm_ops"), name=name))
    return indexes


def add_trigram_indexes(
    schema_editor: BaseDatabaseSchemaEditor,
    model: type[models.Model],
    columns: dict[str, str],
    *,
    remove: bool = False,
) -> None:
    """In a migration: adds (or removes) trigram indexes on ``columns`` of ``model`` on
    PostgreSQL (which needs ``TrigramExtension`` first); nothing on another database."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in trigram_indexes(model, columns):
        if remove:
            schema_editor.remove_index(model, index)
        else:
            schema_editor.add_index(model, index)
