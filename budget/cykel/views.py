"""Views for the budget cycle: compare two versions, start next year, download the budget.

Reads are for kansli, styrelse and revisor; writes for kansli (403 for the others, 403
for styrgrupp users everywhere); another förbund's version answers 404.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from budget.cykel.services import budget_start_next_year
from budget.excel import export_budget
from budget.models import Budgetversion
from budget.selectors import Budgetkolumn, Budgettabell, budgettabell
from finsam import access
from finsam.excel import xlsx_response
from finsam.views_base import positive_int


def _overview_url(ar):
    return f"{reverse('budget:overview')}?ar={ar}"


# --- compare two versions ----------------------------------------------------------------


@dataclass
class Jamforelserad:
    typ: str
    etikett: str
    niva: int
    a: int | None
    b: int | None

    @property
    def differens(self) -> int | None:
        if self.a is None and self.b is None:
            return None
        return (self.b or 0) - (self.a or 0)

    @property
    def andrad(self) -> bool:
        return self.typ != "rubrik" and self.a != self.b


def _jamforelserader(tabell: Budgettabell) -> tuple[list[Jamforelserad], list[Jamforelserad]]:
    rader = [Jamforelserad(r.typ, r.etikett, r.niva, *r.belopp) for r in tabell.rader]
    totaler = [
        Jamforelserad("total", _("Summa intäkter"), 0, *tabell.summa_intakter),
        Jamforelserad("total", _("Summa kostnader"), 0, *tabell.summa_kostnader),
        Jamforelserad("total", _("Resultat"), 0, *tabell.resultat),
    ]
    return rader, totaler


@require_GET
@login_required
def version_compare(request):
    forbund = access.require_read(request.user)
    a_pk, b_pk = positive_int(request.GET, "a"), positive_int(request.GET, "b")
    if a_pk is None or b_pk is None:
        raise Http404
    qs = Budgetversion.objects.all()
    a = access.get_for_forbund(qs, request.user, pk=a_pk)
    b = access.get_for_forbund(qs, request.user, pk=b_pk)
    tabell = budgettabell(forbund, [Budgetkolumn(str(a), a), Budgetkolumn(str(b), b)])
    rader, totaler = _jamforelserader(tabell)
    context = {
        "a": a,
        "b": b,
        "rader": rader,
        "totaler": totaler,
        "antal_andrade": sum(1 for r in rader if r.typ == "rad" and r.andrad),
    }
    return render(request, "budget/cykel/compare.html", context)


# --- start next year ---------------------------------------------------------------------


class StartNextYearForm(forms.Form):
    ar = forms.IntegerField(min_value=2000, max_value=2100, widget=forms.HiddenInput)
    beslutsdatum = forms.DateField(
        label=gettext_lazy("Planerat beslutsdatum"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    paragraf = forms.CharField(label=gettext_lazy("Paragraf"), max_length=40, required=False)


@require_POST
@login_required
def start_next_year(request):
    forbund = access.require_edit(request.user)
    form = StartNextYearForm(request.POST)
    if not form.is_valid():
        ar = positive_int(request.POST, "ar")
        messages.error(
            request, _("Fyll i ett beslutsdatum (ÅÅÅÅ-MM-DD) för att starta nästa års budget.")
        )
        return redirect(_overview_url(ar) if ar else reverse("budget:overview"))
    ar = form.cleaned_data["ar"]
    try:
        version = budget_start_next_year(
            forbund=forbund,
            ar=ar,
            beslutsdatum=form.cleaned_data["beslutsdatum"],
            paragraf=form.cleaned_data["paragraf"],
        )
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect(_overview_url(ar))
    messages.success(
        request,
        _(
            "%(version)s är skapad som utkast (%(motivering)s). Den är ett utkast tills "
            "styrelsen har beslutat den; ändra beslutsdatum och paragraf efter beslutet."
        )
        % {"version": version.rubrik, "motivering": version.motivering.rstrip(".")},
    )
    return redirect("budget:belopp-edit", pk=version.pk)


# --- Excel ---------------------------------------------------------------------------------


@require_GET
@login_required
def budget_xlsx(request):
    forbund = access.require_read(request.user)
    ar = positive_int(request.GET, "ar")
    if ar is None:
        raise Http404
    wb, filename = export_budget(forbund, ar=ar)
    return xlsx_response(wb, filename)
