"""Förbundet → Användare → Insatser: the kansli chooses a steering-group member's insatser.
Kansli only (403 for readers); a user of another förbund, or one without the role
styrgrupp, is 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from finsam import access
from finsam.models import User
from finsam.views_base import form_page
from insatser.styrgrupp.forms import StyrgruppInsatserForm
from insatser.styrgrupp.services import styrgrupp_insatser_save, styrgrupp_version


@require_http_methods(["GET", "POST"])
@login_required
def styrgrupp_anvandare(request, pk):
    forbund = access.require_edit(request.user)
    anvandare = access.get_for_forbund(User.objects.all(), request.user, pk=pk)
    if anvandare.roll != User.Roll.STYRGRUPP:
        raise Http404
    data = request.POST if request.method == "POST" else None  # all unticked: empty
    form = StyrgruppInsatserForm(
        data, forbund=forbund, user=anvandare, version=styrgrupp_version(anvandare)
    )
    return form_page(
        request,
        form,
        save=lambda f: styrgrupp_insatser_save(
            user=anvandare,
            insatser=f.cleaned_data["insatser"],
            expected_version=f.cleaned_data["lock_version_loaded"],
        ),
        sparad=_("%(namn)s insatser är sparade.") % {"namn": anvandare},
        done_url=reverse("finsam:anvandare-list"),
        template="finsam/anvandare/form.html",
        rubrik=_("Insatser för %(namn)s") % {"namn": anvandare},
        avbryt_url=reverse("finsam:anvandare-list"),
    )
