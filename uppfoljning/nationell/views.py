"""The budgeted participants per insats of a year: kansli writes, everybody else 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from finsam import access
from finsam.views_base import REFUSED, call_service
from uppfoljning.nationell import selectors, services
from uppfoljning.nationell.forms import BudgeteradeDeltagareForm

FORSTA_AR, SISTA_AR = 2000, 2100


def _check_ar(ar: int) -> int:
    if not FORSTA_AR <= ar <= SISTA_AR:
        raise Http404
    return ar


@require_http_methods(["GET", "POST"])
@login_required
def budgeterade_deltagare(request, ar):
    """The year's budgeted participants of every insats running that year, at once."""
    _check_ar(ar)
    forbund = access.require_edit(request.user)
    insatser = selectors.insatser_under(forbund, ar)
    # The national sheet lives on the roof; its URL is reached by name.
    tillbaka_url = reverse("finsam:nationell", args=[ar])
    if request.method == "POST":
        form = BudgeteradeDeltagareForm(request.POST, insatser=insatser)
        if form.is_valid():
            andrade = call_service(
                form,
                lambda: services.budgeterade_deltagare_save(
                    forbund=forbund,
                    ar=ar,
                    antal=form.antal,
                    expected_version=form.cleaned_data["lock_version"],
                ),
            )
            if andrade is not REFUSED:
                if andrade:
                    messages.success(
                        request,
                        ngettext(
                            "Budgeterat antal deltagare %(ar)s är sparat (%(antal)s ändrat värde).",
                            "Budgeterat antal deltagare %(ar)s är sparat "
                            "(%(antal)s ändrade värden).",
                            andrade,
                        )
                        % {"ar": ar, "antal": andrade},
                    )
                else:
                    messages.info(request, _("Inget var ändrat."))
                return redirect(tillbaka_url)
    else:
        rader = selectors.budgeterade_rader(forbund, ar)
        form = BudgeteradeDeltagareForm(
            initial=BudgeteradeDeltagareForm.initial_for(
                rader, selectors.budgeterade_version(rader)
            ),
            insatser=insatser,
        )
    return render(
        request,
        "uppfoljning/nationell/budgeterade_deltagare.html",
        {
            "form": form,
            "ar": ar,
            "rubrik": _("Budgeterat antal deltagare %(ar)s") % {"ar": ar},
            "tillbaka_url": tillbaka_url,
            "tillbaka": _("Uppföljning Finsam %(ar)s") % {"ar": ar},
        },
    )
