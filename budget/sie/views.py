"""Views of the SIE import: the mapping of the budget lines (a list and a form per line),
and the upload of a SIE file: preview, apply or cancel.

The file is read once, at the upload. What it gives (each mapped line's utfall, the
unmapped accounts, the bokslut figures and the checks) is kept in the user's session under
a random token with the lock_version of the period and the bokslut at upload; the file is
not kept. The apply writes it in one transaction, refused when the period or bokslut was
changed after the upload. Kansli writes; styrelse and revisor read the mapping; styrgrupp
users get 403, another förbund's users 404.
"""

from contextlib import suppress
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from budget.models import Budgetrad, Kontomappning
from budget.sie import selectors, services
from budget.sie.forms import KontomappningForm, SieUploadForm
from finsam import access, formatting
from finsam.concurrency import ConflictError
from finsam.views_base import REFUSED, call_service, uppladdning_hamta, uppladdning_spara

SESSION_KEY = "budget_sie_import"


def _exakt(d) -> str:
    """An amount of the file as the page shows it: whole kronor, or with öre when it has."""
    return formatting.decimal_sv(d, 2) if d != int(d) else formatting.belopp(d)


# --- the mapping -----------------------------------------------------------------------------


@require_GET
@login_required
def mappning_list(request):
    forbund = access.require_read(request.user)
    rader = selectors.mappningar(forbund)
    return render(
        request,
        "budget/sie/mappning_list.html",
        {"rader": rader, "antal_mappade": sum(1 for r in rader if r.mappning)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def mappning_edit(request, pk):
    forbund = access.require_edit(request.user)
    rad = access.get_for_forbund(Budgetrad.objects.select_related("grupp"), request.user, pk=pk)
    mappning = Kontomappning.objects.filter(rad=rad).first()
    form = KontomappningForm(request.POST or None, mappning=mappning)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        sparad = call_service(
            form,
            lambda: services.kontomappning_save(
                rad=rad,
                konton=d["konton"],
                dimension=d["dimension"],
                objekt=d["objekt"],
                expected_version=form.loaded_version if mappning else 0,
            ),
        )
        if sparad is not REFUSED:
            if sparad is None:
                messages.success(
                    request, _("Mappningen för %(rad)s är borttagen.") % {"rad": rad.namn}
                )
            else:
                messages.success(
                    request, _("Mappningen för %(rad)s är sparad.") % {"rad": rad.namn}
                )
            return redirect(f"{reverse('budget:sie-mappning')}#rad-{rad.pk}")
    andra = [r for r in selectors.mappningar(forbund) if r.mappning and r.rad.pk != rad.pk]
    return render(
        request,
        "budget/sie/mappning_form.html",
        {"form": form, "rad": rad, "mappning": mappning, "andra": andra},
    )


# --- the import ------------------------------------------------------------------------------


def _standard_per() -> date:
    """31 December last year: the bokslut is the usual import."""
    return date(date.today().year - 1, 12, 31)


def _upload_page(request, form, fel=()):
    return render(request, "budget/sie/upload.html", {"form": form, "fel": list(fel)})


@require_http_methods(["GET", "POST"])
@login_required
def upload(request):
    forbund = access.require_edit(request.user)
    if request.method == "GET":
        initial = {"per": _standard_per(), "bokslut": request.GET.get("bokslut") == "1"}
        with suppress(ValueError):
            initial["per"] = date.fromisoformat(request.GET.get("per", ""))
        return _upload_page(request, SieUploadForm(initial=initial))
    form = SieUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    filnamn = form.cleaned_data["fil"].name
    try:
        fil = services.sie_las(form.data_bytes())
        plan = services.utfall_plan(
            forbund=forbund, fil=fil, per=form.cleaned_data["per"], filnamn=filnamn
        )
        bplan = None
        if form.cleaned_data["bokslut"]:
            bplan = services.bokslut_plan(forbund=forbund, fil=fil, filnamn=filnamn)
    except services.SieImportFel as e:
        return _upload_page(request, form, e.fel)
    token = uppladdning_spara(
        request,
        SESSION_KEY,
        forbund,
        utfall=plan.sparad(),
        lock_version=plan.lock_version,
        bokslut=bplan.sparad() if bplan else None,
        bokslut_lock_version=bplan.lock_version if bplan else None,
        kontroller=[[k.rubrik, k.ok, k.meddelande] for k in bplan.kontroller] if bplan else [],
    )
    return redirect("budget:sie-preview", token=token)


def _planer(forbund, entry):
    plan = services.utfall_restore(forbund=forbund, sparad=entry["utfall"])
    bplan = None
    if entry.get("bokslut"):
        bplan = services.bokslut_restore(forbund=forbund, sparad=entry["bokslut"])
    return plan, bplan


@require_GET
@login_required
def preview(request, token):
    forbund = access.require_edit(request.user)
    entry = uppladdning_hamta(request, SESSION_KEY, token, forbund)
    plan, bplan = _planer(forbund, entry)
    b = plan.berakning
    inaktuell = plan.lock_version != entry["lock_version"] or (
        bplan is not None and bplan.lock_version != entry["bokslut_lock_version"]
    )
    context = {
        "token": token,
        "plan": plan,
        "bplan": bplan,
        "inaktuell": inaktuell,
        "kontroller": [
            {"rubrik": r, "ok": ok, "meddelande": m} for r, ok, m in entry.get("kontroller", [])
        ],
        "omappade": [(o, _exakt(o.belopp)) for o in b.omappade],
        "totaler": {
            "fil": _exakt(b.fil_belopp),
            "mappat": _exakt(b.mappat_belopp),
            "omappat": _exakt(b.omappat_belopp),
        },
        "summa_efter": sum(a.netto_efter for a in plan.andringar),
        "summa_fore": sum(a.netto_fore or 0 for a in plan.andringar),
    }
    return render(request, "budget/sie/preview.html", context)


@require_POST
@login_required
def apply(request, token):
    forbund = access.require_edit(request.user)
    entry = uppladdning_hamta(request, SESSION_KEY, token, forbund)
    plan, bplan = _planer(forbund, entry)
    try:
        period = services.import_apply(
            forbund=forbund,
            plan=plan,
            expected_version=entry["lock_version"],
            bokslutsplan=bplan,
            bokslut_version=entry.get("bokslut_lock_version"),
        )
    except (ConflictError, ValidationError) as e:
        request.session.pop(SESSION_KEY, None)
        text = str(e) if isinstance(e, ConflictError) else " ".join(e.messages)
        messages.error(request, _("Importen är inte gjord: %(fel)s") % {"fel": text})
        return redirect("budget:sie-upload")
    request.session.pop(SESSION_KEY, None)
    text = _("Utfallet per %(per)s är importerat från %(fil)s.") % {
        "per": plan.per.isoformat(),
        "fil": plan.filnamn,
    }
    if bplan is not None:
        text += " " + _("Bokslutet %(ar)d är sparat.") % {"ar": bplan.ar}
    messages.success(request, text)
    return redirect("budget:utfall-detail", pk=period.pk)


@require_POST
@login_required
def cancel(request, token):
    forbund = access.require_edit(request.user)
    uppladdning_hamta(request, SESSION_KEY, token, forbund)
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("Importen är avbruten. Ingenting är ändrat."))
    return redirect("budget:sie-upload")
