"""Kansli keeps the set of measures (Matt) that reports hold, as national practice changes.

Everyone who reads the förbund sees the list; only kansli creates and edits. A measure used
in a report is never deleted, only made inactive.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access
from finsam.views_base import form_page
from insatser.models import Insats
from uppfoljning.matt.forms import MattForm
from uppfoljning.matt.katalog import skapa_standardmatt
from uppfoljning.matt.services import matt_save
from uppfoljning.models import Matt


@require_GET
@login_required
def matt_list(request):
    forbund = access.require_read(request.user)
    typer = dict(Insats.Typ.choices)
    grupper = defaultdict(list)
    for m in Matt.objects.filter(forbund=forbund).select_related("jamfor_med"):
        m.typnamn = [typer.get(t, t) for t in m.insatstyper]
        grupper[m.grupp].append(m)
    return render(request, "uppfoljning/matt/list.html", {"grupper": dict(grupper)})


def _form(request, matt, forbund, rubrik):
    form = MattForm(request.POST or None, instance=matt, forbund=forbund)
    return form_page(
        request,
        form,
        template="finsam/form.html",
        save=lambda f: matt_save(matt=f.instance, expected_version=f.loaded_version),
        sparad=lambda m: _("Måttet %(namn)s är sparat.") % {"namn": m.namn},
        done_url=reverse("uppfoljning:matt-list"),
        rubrik=rubrik,
    )


@require_http_methods(["GET", "POST"])
@login_required
def matt_create(request):
    forbund = access.require_edit(request.user)
    return _form(request, Matt(forbund=forbund, insatstyper=[]), forbund, _("Nytt mått"))


@require_http_methods(["GET", "POST"])
@login_required
def matt_edit(request, pk):
    forbund = access.require_edit(request.user)
    matt = access.get_for_forbund(Matt.objects.all(), request.user, pk=pk)
    return _form(request, matt, forbund, _("Ändra %(namn)s") % {"namn": matt.namn})


@require_http_methods(["POST"])
@login_required
def matt_standard(request):
    """Add the standard measures the förbund lacks (nothing existing is changed)."""
    forbund = access.require_edit(request.user)
    antal = skapa_standardmatt(forbund)
    messages.success(request, _("%(antal)s standardmått lades till.") % {"antal": antal})
    return redirect("uppfoljning:matt-list")
