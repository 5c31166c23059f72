"""The start page: the year's budget and the förbund's figures for kansli, styrelse and
revisor; a steering group member's own insatser. It shows several apps, so it is the roof's.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from budget import selectors as budget_selectors
from finsam import access, permissions
from insatser.models import Insats


@require_GET
@login_required
def start(request):
    forbund = access.forbund_for_user(request.user)
    if permissions.has_role(request.user, permissions.Roll.STYRGRUPP):
        insatser = Insats.objects.filter(forbund=forbund, styrgrupp=request.user)
        return render(request, "rapporter/start_styrgrupp.html", {"insatser": insatser})
    access.require_read(request.user)
    # This year if it has a budget version, else the newest year that has one.
    ar = date.today().year
    ar_med_budget = budget_selectors.ar_med_versioner(forbund)
    if ar_med_budget and ar not in ar_med_budget:
        ar = ar_med_budget[0]
    version = budget_selectors.aktuell_version(forbund, ar)
    tabell = (
        budget_selectors.budgettabell(forbund, [budget_selectors.Budgetkolumn(str(ar), version)])
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
    return render(request, "rapporter/start.html", context)
