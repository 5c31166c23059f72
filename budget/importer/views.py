"""Views of the Excel import: download a template, upload a file, preview, apply or cancel.

The file is read and validated once, at the upload. What it gives (the target and each
line's new value, `Importplan.sparad()`) is kept in the user's session under a random
token, with the target's lock_version at upload; the file itself is not kept. The preview
and the apply rebuild the plan from that (`importer.import_restore`) against the values
stored now; the apply writes it in one transaction, and a target changed since the upload
is refused. Kansli only; other roles get 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budget.importer import services as importer
from budget.importer.forms import ImportUploadForm
from budget.models import Budgetversion, Utfallsperiod
from finsam import access
from finsam.concurrency import ConflictError
from finsam.excel import xlsx_response
from finsam.views_base import uppladdning_hamta, uppladdning_spara

SESSION_KEY = "budget_import"


def _upload_page(request, form, forbund, fel=()):
    context = {
        "form": form,
        "fel": list(fel),
        "versioner": Budgetversion.objects.filter(forbund=forbund),
        "perioder": Utfallsperiod.objects.filter(forbund=forbund),
    }
    return render(request, "budget/importer/upload.html", context)


@require_GET
@login_required
def template(request, slag, pk):
    forbund = access.require_edit(request.user)
    model = {"version": Budgetversion, "period": Utfallsperiod}.get(slag)
    if model is None:
        raise Http404
    obj = access.get_for_forbund(model.objects.all(), request.user, pk=pk)
    wb, filename = importer.import_template(forbund=forbund, mal=importer.Mal(obj))
    return xlsx_response(wb, filename)


@require_http_methods(["GET", "POST"])
@login_required
def upload(request):
    forbund = access.require_edit(request.user)
    if request.method == "GET":
        form = ImportUploadForm(forbund=forbund, initial={"mal": request.GET.get("mal", "")})
        return _upload_page(request, form, forbund)
    form = ImportUploadForm(request.POST, request.FILES, forbund=forbund)
    if not form.is_valid():
        return _upload_page(request, form, forbund)
    data = form.data_bytes()
    forvantat = form.cleaned_data["mal"] or None
    plan = importer.import_parse(forbund=forbund, data=data, forvantat_mal=forvantat)
    if plan.fel:
        return _upload_page(request, form, forbund, plan.fel)
    token = uppladdning_spara(
        request,
        SESSION_KEY,
        forbund,
        mal=plan.mal.nyckel,
        lock_version=plan.mal.lock_version,
        filnamn=form.cleaned_data["fil"].name,
        plan=plan.sparad(),
    )
    return redirect("budget:import-preview", token=token)


@require_GET
@login_required
def preview(request, token):
    forbund = access.require_edit(request.user)
    entry = uppladdning_hamta(request, SESSION_KEY, token, forbund, kraver=("plan",))
    plan = importer.import_restore(forbund=forbund, sparad=entry["plan"])
    context = {
        "token": token,
        "filnamn": entry["filnamn"],
        "plan": plan,
        "mal": plan.mal,
        "inaktuell": plan.mal is not None and plan.mal.lock_version != entry["lock_version"],
        "utfall": plan.mal is not None and plan.mal.typ == importer.MAL_PERIOD,
    }
    return render(request, "budget/importer/preview.html", context)


@require_POST
@login_required
def apply(request, token):
    forbund = access.require_edit(request.user)
    entry = uppladdning_hamta(request, SESSION_KEY, token, forbund, kraver=("plan",))
    try:
        plan = importer.import_apply(
            forbund=forbund,
            plan=importer.import_restore(forbund=forbund, sparad=entry["plan"]),
            expected_version=entry["lock_version"],
            forvantat_mal=entry["mal"],
        )
    except importer.ImportInvalid as e:
        request.session.pop(SESSION_KEY, None)
        form = ImportUploadForm(forbund=forbund)
        return _upload_page(request, form, forbund, e.fel)
    except ConflictError as e:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, str(e))
        return redirect("budget:import-upload")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        ngettext(
            "Filen är importerad till %(mal)s: %(antal)d rad ändrad.",
            "Filen är importerad till %(mal)s: %(antal)d rader ändrade.",
            len(plan.andrade),
        )
        % {"mal": plan.mal.rubrik, "antal": len(plan.andrade)},
    )
    if plan.mal.typ == importer.MAL_VERSION:
        return redirect("budget:version-detail", pk=plan.mal.obj.pk)
    return redirect("budget:import-upload")


@require_POST
@login_required
def cancel(request, token):
    forbund = access.require_edit(request.user)
    uppladdning_hamta(request, SESSION_KEY, token, forbund, kraver=("plan",))
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("Importen är avbruten. Ingenting är ändrat."))
    return redirect("budget:import-upload")
