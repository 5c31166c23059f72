"""Kansli keeps the set of measures (Matt) that reports hold, as national practice changes.

Everyone who reads the förbund sees the list; only kansli creates and edits. A measure used
in a report is never deleted, only made inactive.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access
from finsam.concurrency import ConflictError, save_locked
from insatser.models import Insats
from uppfoljning.matt.forms import MattForm
from uppfoljning.matt.katalog import skapa_standardmatt
from uppfoljning.models import Matt


@transaction.atomic
def matt_save(*, matt: Matt, expected_version: int) -> Matt:
    matt.full_clean()
    return save_locked(matt, expected_version=expected_version)


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
    if request.method == "POST" and form.is_valid():
        try:
            matt = matt_save(matt=form.instance, expected_version=form.loaded_version)
        except ConflictError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Måttet %(namn)s är sparat.") % {"namn": matt.namn})
            return redirect("uppfoljning:matt-list")
    return render(request, "finsam/form.html", {"form": form, "rubrik": rubrik})


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
