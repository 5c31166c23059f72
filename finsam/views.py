"""Views for the förbund, its members, the start page and the change history.

Every view: get the user's förbund through `finsam.access` (404 to outsiders, 403 to
readers), validate a form, call a service, redirect.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from budget import selectors as budget_selectors
from finsam import access, permissions, services
from finsam.concurrency import ConflictError
from finsam.forms import BefolkningFormSet, ForbundForm, MedlemForm
from finsam.historik.selectors import historik_for
from finsam.models import Medlem
from insatser.models import Insats


@require_GET
@login_required
def start(request):
    forbund = access.forbund_for_user(request.user)
    if permissions.has_role(request.user, permissions.Roll.STYRGRUPP):
        insatser = Insats.objects.filter(forbund=forbund, styrgrupp=request.user)
        return render(request, "finsam/start_styrgrupp.html", {"insatser": insatser})
    access.require_read(request.user)
    # This year if it has a budget version, else the newest year that has one.
    ar = date.today().year
    ar_med_budget = budget_selectors.ar_med_versioner(forbund)
    if ar_med_budget and ar not in ar_med_budget:
        ar = ar_med_budget[0]
    version = budget_selectors.aktuell_version(forbund, ar)
    tabell = (
        budget_selectors.budgettabell(forbund, [budget_selectors.Kolumn(str(ar), version)])
        if version
        else None
    )
    context = {
        "ar": ar,
        "version": version,
        "tabell": tabell,
        "antal_insatser": Insats.objects.filter(forbund=forbund)
        .exclude(status=Insats.Status.AVSLUTAD)
        .count(),
        "antal_medlemmar": forbund.medlemmar.count(),
    }
    return render(request, "finsam/start.html", context)


@require_GET
@login_required
def forbund_detail(request):
    forbund = access.require_read(request.user)
    context = {"f": forbund}
    if permissions.can_view_history(request.user, forbund):
        context["historik"] = historik_for(forbund)
    return render(request, "finsam/forbund_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def forbund_edit(request):
    forbund = access.require_edit(request.user)
    form = ForbundForm(request.POST or None, instance=forbund)
    if request.method == "POST" and form.is_valid():
        try:
            services.forbund_update(
                forbund=forbund,
                expected_version=form.loaded_version,
                **{k: v for k, v in form.cleaned_data.items() if k != "lock_version_loaded"},
            )
        except ConflictError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Förbundets uppgifter är sparade."))
            return redirect("finsam:forbund")
    return render(
        request, "finsam/form.html", {"form": form, "rubrik": _("Ändra förbundets uppgifter")}
    )


@require_GET
@login_required
def medlem_list(request):
    forbund = access.require_read(request.user)
    medlemmar = forbund.medlemmar.prefetch_related("befolkning")
    return render(request, "finsam/medlem_list.html", {"medlemmar": medlemmar})


@require_GET
@login_required
def medlem_detail(request, pk):
    access.require_read(request.user)
    medlem = access.get_for_forbund(Medlem.objects.all(), request.user, pk=pk)
    context = {"medlem": medlem, "befolkning": medlem.befolkning.all()}
    if permissions.can_view_history(request.user, medlem.forbund):
        context["historik"] = historik_for(medlem)
    return render(request, "finsam/medlem_detail.html", context)


def _befolkning_initial(medlem):
    return [{"ar": b.ar, "antal": b.antal} for b in medlem.befolkning.order_by("ar")]


def _medlem_form(request, medlem, forbund, rubrik):
    form = MedlemForm(request.POST or None, instance=medlem, forbund=forbund)
    formset = BefolkningFormSet(
        request.POST or None,
        prefix="befolkning",
        initial=_befolkning_initial(medlem) if medlem.pk else None,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        ar_sedda = set()
        for f in formset.forms:
            ar = f.cleaned_data.get("ar")
            if ar is None:
                continue
            if ar in ar_sedda:
                f.add_error("ar", _("Året finns redan på en annan rad."))
            ar_sedda.add(ar)
        if not any(f.errors for f in formset.forms):
            ny = form.instance.pk is None
            try:
                # The member and its populations are saved together or not at all.
                with transaction.atomic():
                    medlem = services.medlem_save(
                        medlem=form.instance, expected_version=form.loaded_version
                    )
                    if medlem.ar_kommun:
                        for f in formset.forms:
                            if f.cleaned_data.get("ar") is not None:
                                services.befolkning_set(
                                    medlem=medlem,
                                    ar=f.cleaned_data["ar"],
                                    antal=f.cleaned_data.get("antal"),
                                )
            except ConflictError as e:
                form.add_error(None, str(e))
            except ValidationError as e:
                form.add_error(None, e)
                if ny:  # the new member was not saved after all
                    form.instance.pk = None
            else:
                messages.success(request, _("%(namn)s är sparad.") % {"namn": medlem.namn})
                return redirect("finsam:medlem-detail", pk=medlem.pk)
    return render(
        request,
        "finsam/medlem_form.html",
        {"form": form, "formset": formset, "rubrik": rubrik, "medlem": medlem},
    )


@require_http_methods(["GET", "POST"])
@login_required
def medlem_create(request):
    forbund = access.require_edit(request.user)
    return _medlem_form(request, Medlem(forbund=forbund), forbund, _("Ny medlem"))


@require_http_methods(["GET", "POST"])
@login_required
def medlem_edit(request, pk):
    forbund = access.require_edit(request.user)
    medlem = access.get_for_forbund(Medlem.objects.all(), request.user, pk=pk)
    return _medlem_form(request, medlem, forbund, _("Ändra %(namn)s") % {"namn": medlem.namn})


@require_GET
@login_required
def rapporter(request):
    """Every report edition that can be made, per document, with its status; kansli also
    gets the texts, the checklist and fastställ. A fixed number of queries."""
    forbund = access.require_read(request.user)
    from budget.models import Bokslut, Utfallsperiod
    from finsam.models import Rapportutgava
    from finsam.rapporter.dokument import typer
    from uppfoljning.models import Rapportperiod

    nycklar = {
        "verksamhetsplan": [
            str(ar)
            for ar in sorted(
                set(forbund.budgetversioner.filter(typ="budget").values_list("ar", flat=True)),
                reverse=True,
            )
        ],
        "delarsrapport": [
            per.isoformat()
            for per in Utfallsperiod.objects.filter(forbund=forbund, typ=Utfallsperiod.Typ.DELAR)
            .order_by("-per")
            .values_list("per", flat=True)
        ],
        "arsredovisning": [
            str(ar)
            for ar in Bokslut.objects.filter(
                forbund=forbund,
                ar__in=Utfallsperiod.objects.filter(
                    forbund=forbund, typ=Utfallsperiod.Typ.BOKSLUT
                ).values("per__year"),
            )
            .order_by("-ar")
            .values_list("ar", flat=True)
        ],
    }
    insatsperioder = []
    if "insats" in typer():
        for period in Rapportperiod.objects.filter(forbund=forbund).prefetch_related("insatser"):
            kod = "H1" if period.typ == Rapportperiod.Typ.H1 else "helar"
            insatsperioder.append(
                (period, [(i, f"{i.slug}:{period.ar}-{kod}") for i in period.insatser.all()])
            )
    utgavor = {(u.dokument, u.nyckel): u for u in Rapportutgava.objects.filter(forbund=forbund)}
    dokument = []
    for kod, typ in typer().items():
        if kod == "insats":
            continue
        rader = [
            {
                "nyckel": n,
                "rubrik": typ.rubrik(n),
                "utgava": utgavor.get((kod, n)),
                "visa_url": typ.visa_url(n),
                "pdf_url": typ.pdf_url(n),
            }
            for n in nycklar.get(kod, [])
        ]
        dokument.append({"typ": typ, "rader": rader})
    insatsrader = []
    if "insats" in typer():
        typ = typer()["insats"]
        for period, lista in insatsperioder:
            insatsrader.append(
                {
                    "period": period,
                    "rader": [
                        {
                            "nyckel": n,
                            "rubrik": insats.namn,
                            "utgava": utgavor.get(("insats", n)),
                            "visa_url": typ.visa_url(n),
                            "pdf_url": typ.pdf_url(n),
                        }
                        for insats, n in lista
                    ],
                }
            )
    return render(
        request,
        "finsam/rapporter.html",
        {
            "dokument": dokument,
            "insatsrader": insatsrader,
            "insatstyp": typer().get("insats"),
            "kansli_anv": permissions.is_kansli(request.user),
        },
    )
