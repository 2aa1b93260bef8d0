"""SQL functions the ORM lacks, written for both databases we run on (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from django.db import NotSupportedError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateField, Func
from django.db.models.sql.compiler import SQLCompiler


class AddMonths(Func):
    """``policy.add_months`` in SQL: the same day ``months`` later, or that month's last day when
    it has no such day (31 January + 1 month = 28 or 29 February). NULL stays NULL."""

    output_field = DateField()
    arity = 1

    def __init__(self, expression: Any, months: int, **extra: Any) -> None:
        if not isinstance(months, int):
            raise TypeError("months must be a whole number")
        self.months = months
        super().__init__(expression, **extra)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        raise NotSupportedError(f"AddMonths is not written for {connection.vendor}")

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> Any:
        # PostgreSQL's month interval already ends on the month's last day where needed.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(({sql}) + make_interval(months => %s) AS date)", (*params, self.months)

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> Any:
        # SQLite's "+N months" runs over into the next month (31 January + 1 month = 3 March);
        # the last day of the month aimed at is the first of the month after it, less a day.
        sql, params = compiler.compile(self.source_expressions[0])
        later = f"{self.months:+d} months"
        month_after = f"{self.months + 1:+d} months"
        return (
            f"MIN(date({sql}, %s), date({sql}, 'start of month', %s, '-1 day'))",
            (*params, later, *params, month_after),
        )
