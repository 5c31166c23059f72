"""Views of the onboarding: the workbook to download, its upload with errors, the preview,
apply and cancel (kansli of the förbund only; readers 403, another förbund's objects do
not exist here), and the systemadministratör's copy of another förbund's structure.

As in the Excel import (budget.importer.views), the workbook is read and checked once at
the upload; its rows (`Uppstartsplan.sparad()`) are kept in the user's session under a
random token, not the file. The preview and the apply check the rows again against what
is stored now; the apply writes everything in one transaction or nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from finsam import access, scoping
from finsam.excel import xlsx_response
from finsam.models import Forbund
from finsam.rapporter.uppstart import excel, services
from finsam.rapporter.uppstart.forms import KopieraStrukturForm, UppstartUploadForm
from finsam.views_base import uppladdning_hamta, uppladdning_spara

SESSION_KEY = "uppstart"


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _upload_page(request, form, fel=()):
    return render(request, "rapporter/uppstart/upload.html", {"form": form, "fel": list(fel)})


@require_GET
@login_required
def mall(request):
    forbund = access.require_edit(request.user)
    wb, filnamn = excel.mall(forbund=forbund)
    return xlsx_response(wb, filnamn)


@require_http_methods(["GET", "POST"])
@login_required
def upload(request):
    forbund = access.require_edit(request.user)
    if request.method == "GET":
        return _upload_page(request, UppstartUploadForm())
    form = UppstartUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    filnamn = form.cleaned_data["fil"].name
    plan = services.uppstart_parse(forbund=forbund, data=form.data_bytes(), filnamn=filnamn)
    if plan.fel:
        return _upload_page(request, form, plan.fel)
    token = uppladdning_spara(
        request,
        SESSION_KEY,
        forbund,
        plan=plan.sparad(),
        granskat=plan.fingeravtryck(),
    )
    return redirect("finsam:uppstart-preview", token=token)


@require_GET
@login_required
def preview(request, token):
    forbund = access.require_edit(request.user)
    entry = uppladdning_hamta(request, SESSION_KEY, token, forbund)
    plan = services.uppstart_restore(forbund=forbund, sparad=entry["plan"])
    if not plan.fel:
        # Tillämpa writes what this page shows, or nothing.
        entry["granskat"] = plan.fingeravtryck()
        request.session.modified = True
    return render(request, "rapporter/uppstart/preview.html", {"token": token, "plan": plan})


@require_POST
@login_required
def apply(request, token):
    forbund = access.require_edit(request.user)
    entry = uppladdning_hamta(request, SESSION_KEY, token, forbund)
    plan = services.uppstart_restore(forbund=forbund, sparad=entry["plan"])
    request.session.pop(SESSION_KEY, None)
    try:
        plan = services.uppstart_apply(
            forbund=forbund,
            plan=plan,
            anvandare=request.user,
            base_url=_base_url(request),
            granskat=entry["granskat"],
        )
    except services.ImportInvalid as e:
        return _upload_page(request, UppstartUploadForm(), e.fel)
    messages.success(
        request,
        _("Arbetsboken %(fil)s är tillämpad: %(nya)d nya och %(andrade)d ändrade rader.")
        % {
            "fil": plan.filnamn,
            "nya": sum(1 for a in plan.andrade if a.status == services.STATUS_NY),
            "andrade": sum(1 for a in plan.andrade if a.status == services.STATUS_ANDRAD),
        },
    )
    return redirect("finsam:start")


@require_POST
@login_required
def cancel(request, token):
    forbund = access.require_edit(request.user)
    uppladdning_hamta(request, SESSION_KEY, token, forbund)
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("Uppstarten är avbruten. Ingenting är ändrat."))
    return redirect("finsam:uppstart")


@require_http_methods(["GET", "POST"])
@login_required
def kopiera_struktur(request, pk):
    """The systemadministratör copies another förbund's structure to an empty förbund: an
    action on förbund by name, without showing either förbund's data."""
    access.require_systemadministrator(request.user)
    till = get_object_or_404(Forbund, pk=pk)
    form = KopieraStrukturForm(request.POST or None, till=till)
    # The systemadministratör's requests run in a scope without a förbund, where a query on
    # a förbund's model raises (finsam/scoping.py). This page crosses förbund on purpose:
    # it asks what `till` already has, and copies `fran`'s structure to it. Each step opens
    # the förbund it needs and no other; nothing of theirs is shown.
    with scoping.forbund_scope(till.pk):
        har = services.kopiera_innehall(till)
    if request.method == "POST" and form.is_valid() and not har:
        fran = form.cleaned_data["fran"]
        with scoping.forbund_scope([fran.pk, till.pk]):
            antal = services.struktur_kopiera(fran=fran, till=till)
        messages.success(
            request,
            _(
                "Strukturen är kopierad från %(fran)s till %(till)s: %(g)d budgetgrupper, "
                "%(r)d budgetrader, %(m)d målområden, %(matt)d mått och %(t)d tabellstrukturer."
            )
            % {
                "fran": fran.namn,
                "till": till.namn,
                "g": antal["budgetgrupper"],
                "r": antal["budgetrader"],
                "m": antal["malomraden"],
                "matt": antal["matt"],
                "t": antal["tabellstrukturer"],
            },
        )
        return redirect("finsam:system-start")
    return render(
        request,
        "rapporter/uppstart/kopiera.html",
        {"form": form, "forbund": till, "har": har},
    )
