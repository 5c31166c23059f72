"""The notice pages: every logged-in user has them, and sees only their own notices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from finsam.notiser import selectors, services
from finsam.notiser.forms import NotisinstallningForm

NOTISER_PER_SIDA = 25


@require_GET
@login_required
def notis_list(request):
    sida = Paginator(selectors.notiser_for(request.user), NOTISER_PER_SIDA).get_page(
        request.GET.get("sida")
    )
    context = {
        "sida": sida,
        "notiser": sida.object_list,
        "installning": selectors.installning(request.user),
    }
    return render(request, "finsam/notiser/notis_list.html", context)


@require_POST
@login_required
def las_alla(request):
    antal = services.markera_alla_lasta(anvandare=request.user)
    if antal:
        messages.success(request, _("Alla notiser är markerade som lästa."))
    return redirect("finsam:notiser")


@require_POST
@login_required
def notis_las(request, pk):
    notis = get_object_or_404(selectors.notiser_for(request.user), pk=pk)
    services.markera_last(notis=notis)
    if notis.lank and url_has_allowed_host_and_scheme(
        notis.lank, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(notis.lank)
    return redirect("finsam:notiser")


@require_http_methods(["GET", "POST"])
@login_required
def installningar(request):
    form = NotisinstallningForm(
        request.POST or None, initial={"satt": selectors.installning(request.user)}
    )
    if request.method == "POST" and form.is_valid():
        services.installning_spara(anvandare=request.user, satt=form.cleaned_data["satt"])
        messages.success(request, _("Inställningen är sparad."))
        return redirect("finsam:notiser")
    return render(request, "finsam/notiser/installningar.html", {"form": form})
