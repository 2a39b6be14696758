"""The commitments import in the admin: upload a spreadsheet, see what it
would change (a dry run that writes nothing), then import exactly that."""

from django import forms
from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import CampaignCycle
from .selectors import commitment_import_plan
from .services import commitments_import
from .spreadsheets import SpreadsheetError, spreadsheet_rows

IMPORT_PERMISSIONS = ["commitments.add_commitment", "commitments.change_commitment"]
# The rows a dry run showed travel back signed: the import writes what the
# editor saw, checked again against what is recorded by then.
SIGNING_SALT = "commitments.import"


class CommitmentImportForm(forms.Form):
    cycle = forms.ModelChoiceField(CampaignCycle.objects.all(), label=_("Campaign cycle"))
    spreadsheet = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "CSV or XLSX with the columns of the open data: nis_code, recommendation, "
            "status, date, source, note."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_spreadsheet(self):
        upload = self.cleaned_data["spreadsheet"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        try:
            return spreadsheet_rows(file=upload, name=upload.name)
        except SpreadsheetError as error:
            raise forms.ValidationError(
                _("This file cannot be read: %(error)s"), params={"error": error}
            ) from error


class CommitmentImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "commitments/admin/import.html"
    page_title = _("Import commitments")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not all(request.user.has_perm(p) for p in IMPORT_PERMISSIONS):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=CommitmentImportForm()))

    def post(self, request, *args, **kwargs):
        if "rows" in request.POST:
            return self._import(request)
        form = CommitmentImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        rows, cycle = form.cleaned_data["spreadsheet"], form.cleaned_data["cycle"]
        plan = commitment_import_plan(rows=rows, cycle=cycle)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=plan,
                cycle=cycle,
                signed_rows=signing.dumps(rows, salt=SIGNING_SALT, compress=True),
            )
        )

    def _import(self, request):
        try:
            rows = signing.loads(request.POST["rows"], salt=SIGNING_SALT)
            cycle = CampaignCycle.objects.get(pk=request.POST.get("cycle"))
        except (signing.BadSignature, CampaignCycle.DoesNotExist, ValueError):
            return self.render_to_response(
                self.get_context_data(form=CommitmentImportForm()), status=400
            )
        plan = commitment_import_plan(rows=rows, cycle=cycle)
        if plan.errors:
            return self.render_to_response(
                self.get_context_data(form=CommitmentImportForm(), plan=plan, cycle=cycle),
                status=400,
            )
        count = commitments_import(plan=plan)
        messages.success(request, _("Imported: %(count)s commitments recorded.") % {"count": count})
        return redirect("wagtailsnippets_commitments_commitment:list")
