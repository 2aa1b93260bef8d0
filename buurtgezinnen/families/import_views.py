"""Import families from a spreadsheet: upload, preview, confirm; and the template to fill in.

The uploaded file is read once, into text cells (``importing.read_table``), and kept in the
session as JSON under a random token that travels in a hidden form field; no file is stored and
no personal data appears in a URL. Preview and confirmation both check the same table again
(``importing.validate``). The import is all or nothing: one transaction around every
``actions.submit_application``; if one row fails, no family is imported.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from buurtgezinnen.core.errors import ActionRefused
from buurtgezinnen.core.http import AuthenticatedHttpRequest
from buurtgezinnen.families import actions, importing
from buurtgezinnen.families.models import Family, Kind
from buurtgezinnen.families.workflow import CASE_WORKERS
from buurtgezinnen.geo.postcodes import PostcodeError
from buurtgezinnen.org.models import Municipality, User
from buurtgezinnen.org.scoping import role_required

SESSION_KEY = "families_import"
ALLOWED_EXTENSIONS = (".xlsx", ".csv", ".txt")
TEMPLATE_FILENAME = "buurtgezinnen-importeren.xlsx"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none()
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of family"), choices=Kind.choices, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "An Excel workbook (.xlsx) or a CSV file, at most 2 MB and 2,000 families, "
            "with the column names in the first row."
        ),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("These families agree that we record their details"), required=True
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities
        if len(municipalities) == 1:
            field.initial = municipalities[0]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > importing.MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB. Split it into smaller files.")
            )
        if not upload.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(_("Upload an Excel workbook (.xlsx) or a CSV file (.csv)."))
        return upload


def _municipalities(user: User) -> Any:
    return Municipality.objects.for_case_work(user).order_by("name")


def _upload_page(
    request: AuthenticatedHttpRequest, form: ImportForm, *, expired: bool = False
) -> HttpResponse:
    return render(request, "families/import_upload.html", {"form": form, "expired": expired})


@role_required(*CASE_WORKERS)
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        municipalities=_municipalities(request.user),
    )
    if request.method == "POST" and form.is_valid():
        municipality: Municipality = form.cleaned_data["municipality"]
        upload = form.cleaned_data["file"]
        try:
            table = importing.read_table(upload.read(), upload.name)
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            pending = {
                "token": secrets.token_urlsafe(24),
                "user": request.user.pk,
                "municipality": municipality.pk,
                "kind": form.cleaned_data["kind"],
                "consent": True,
                "filename": upload.name[-100:],
                **table.to_json(),
            }
            # One import at a time per session: a new upload replaces an earlier one.
            request.session[SESSION_KEY] = pending
            return _preview(request, pending, municipality)
    return _upload_page(request, form)


def _validate(pending: dict[str, Any], municipality: Municipality) -> importing.Result:
    existing = Family.objects.filter(municipality=municipality, kind=pending["kind"]).values_list(
        "name", "postcode"
    )
    return importing.validate(
        importing.Table.from_json(pending),
        kind=pending["kind"],
        municipality_code=municipality.cbs_code,
        municipality_name=municipality.name,
        consent=bool(pending.get("consent")),
        existing=[importing.family_key(name, postcode) for name, postcode in existing],
    )


def _preview(
    request: AuthenticatedHttpRequest,
    pending: dict[str, Any],
    municipality: Municipality,
    *,
    result: importing.Result | None = None,
    import_error: str = "",
) -> HttpResponse:
    result = result or _validate(pending, municipality)
    return render(
        request,
        "families/import_preview.html",
        {
            "result": result,
            "token": pending["token"],
            "municipality": municipality,
            "kind_label": Kind(pending["kind"]).label,
            "filename": pending.get("filename", ""),
            "import_error": import_error,
        },
    )


def _pending(request: AuthenticatedHttpRequest) -> dict[str, Any] | None:
    """The upload the posted token points to, if it is this user's and still there."""
    pending = request.session.get(SESSION_KEY)
    token = request.POST.get("token", "")
    if (
        not isinstance(pending, dict)
        or not token
        or not constant_time_compare(str(pending.get("token", "")), token)
        or pending.get("user") != request.user.pk
    ):
        return None
    return pending


@role_required(*CASE_WORKERS)
@require_POST
def confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    pending = _pending(request)
    if pending is None:
        form = ImportForm(municipalities=_municipalities(request.user))
        return _upload_page(request, form, expired=True)
    # The municipality must still be in the user's case scope: 404 otherwise.
    municipality = get_object_or_404(_municipalities(request.user), pk=pending["municipality"])
    if "cancel" in request.POST:
        request.session.pop(SESSION_KEY, None)
        messages.info(request, _("The import has been cancelled. Nothing has been imported."))
        return redirect("families:import_upload")
    result = _validate(pending, municipality)
    if result.error_count:
        return _preview(
            request,
            pending,
            municipality,
            result=result,
            import_error=_(
                "Some rows have errors. Correct them in your file and upload it again. "
                "Nothing has been imported."
            ),
        )
    row_number = 0
    try:
        with transaction.atomic():
            for number, application in result.applications:
                row_number = number
                actions.submit_application(
                    application=application,
                    municipality=municipality,
                    by=request.user,
                )
    except (ValidationError, PostcodeError, ActionRefused, IntegrityError) as error:
        if isinstance(error, ValidationError):
            reason = " ".join(error.messages)
        elif isinstance(error, PostcodeError):
            reason = str(error)
        elif isinstance(error, ActionRefused):
            reason = error.message
        else:
            reason = _("the family could not be saved.")
        return _preview(
            request,
            pending,
            municipality,
            result=result,
            import_error=_("Row %(row)s could not be imported: %(reason)s")
            % {"row": row_number, "reason": reason}
            + " "
            + _("Nothing has been imported."),
        )
    count = len(result.rows)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Families imported into %(municipality)s: %(count)s.")
        % {"municipality": municipality.name, "count": count},
    )
    return redirect("families:overview")


@role_required(*CASE_WORKERS)
@require_GET
def template(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = HttpResponse(importing.template_workbook(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
    return response
