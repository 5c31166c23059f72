"""Views for the bokslut: the list of years, a year's resultaträkning, balansräkning,
kassaflödesanalys, noter, checks and five-year overview, and the kansli's edit page.

Every view: the förbund through `finsam.access` (403 to readers on writes and to styrgrupp
users everywhere), the bokslut through `get_for_forbund` (404 to outsiders), validate,
call a service, redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from budget.bokslut import selectors, services
from budget.bokslut.forms import BokslutForm, post_formsets, poster_from
from budget.models import Bokslut
from finsam import access
from finsam.concurrency import ConflictError
from finsam.forms_base import add_validation_error


@require_GET
@login_required
def bokslut_list(request):
    forbund = access.require_read(request.user)
    context = {"ar_lista": selectors.bokslut_lista(forbund)}
    return render(request, "budget/bokslut/list.html", context)


@require_GET
@login_required
def bokslut_detail(request, ar):
    forbund = access.require_read(request.user)
    redovisning = selectors.arsredovisning(forbund, ar)
    if redovisning is None:
        raise Http404
    return render(request, "budget/bokslut/detail.html", {"r": redovisning})


def _edit_page(request, bokslut, forbund, rubrik):
    data = request.POST if request.method == "POST" else None
    form = BokslutForm(data, instance=bokslut, forbund=forbund)
    fordringar, skulder = post_formsets(data, bokslut if bokslut.pk else None)
    konflikt = False
    if data is not None and all(f.is_valid() for f in (form, fordringar, skulder)):
        try:
            sparad = services.bokslut_save(
                bokslut=form.instance,
                poster=poster_from(fordringar, skulder),
                expected_version=form.loaded_version,
            )
        except ConflictError as e:
            form.add_error(None, str(e))
            konflikt = True
        except ValidationError as e:
            add_validation_error(form, e)
        else:
            messages.success(request, _("Bokslutet för %(ar)s är sparat.") % {"ar": sparad.ar})
            return redirect("budget:bokslut-detail", ar=sparad.ar)
    context = {
        "form": form,
        "fordringar": fordringar,
        "skulder": skulder,
        "rubrik": rubrik,
        "bokslut": bokslut,
        "konflikt": konflikt,
    }
    return render(request, "budget/bokslut/form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def bokslut_create(request):
    forbund = access.require_edit(request.user)
    return _edit_page(request, Bokslut(forbund=forbund), forbund, _("Nytt bokslut"))


@require_http_methods(["GET", "POST"])
@login_required
def bokslut_edit(request, ar):
    forbund = access.require_edit(request.user)
    bokslut = access.get_for_forbund(Bokslut.objects.all(), request.user, ar=ar)
    return _edit_page(request, bokslut, forbund, _("Ändra bokslutet för %(ar)s") % {"ar": ar})
