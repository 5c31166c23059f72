"""The start page: each role's work queue (finsam/rapporter/arbetsko.py). Kansli: reports
to review, periods near their deadline, the current editions' checklists and the year's
next steps; styrelse: the adopted documents and the economy and participants as charts;
revisor: the adopted documents and the recent changes; a steering group member: the open
reports of their insatser, a returned one with kansli's comment first. It shows several
apps, so it is the roof's. A systemadministratör, who has no förbund, goes on to the
list of förbund.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from finsam import access, permissions
from finsam.rapporter import arbetsko
from finsam.rapporter.uppstart.selectors import att_borja_med
from finsam.views_base import sidinnehall
from insatser.models import Insats

Roll = permissions.Roll


@require_GET
@login_required
def start(request):
    if permissions.is_systemadministrator(request.user):
        return redirect("finsam:system-start")
    forbund = access.forbund_for_user(request.user)
    idag = timezone.localdate()
    if permissions.has_role(request.user, Roll.STYRGRUPP):
        context = {
            "ko": arbetsko.styrgrupp(request.user, idag),
            "insatser": Insats.objects.filter(forbund=forbund, styrgrupp=request.user).order_by(
                "ordning", "namn"
            ),
            "idag": idag,
        }
        return render(request, "rapporter/start_styrgrupp.html", context)
    access.require_read(request.user)

    def context() -> dict:
        ut = {"idag": idag, "att_borja_med": att_borja_med(forbund)}
        if permissions.has_role(request.user, Roll.KANSLI):
            ut["kansli_ko"] = arbetsko.kansli(forbund, idag)
        elif permissions.has_role(request.user, Roll.REVISOR):
            ut["revisor_ko"] = arbetsko.revisor(forbund, idag)
        else:
            ut["styrelse_ko"] = arbetsko.styrelse(forbund, idag)
        return ut

    # The queue is kept, rendered, until the förbund's data changes (or the day does).
    innehall = sidinnehall(request, "rapporter/_start_innehall.html", context)
    return render(request, "rapporter/start.html", {"innehall": innehall})
