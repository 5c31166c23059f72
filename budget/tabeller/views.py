"""Pages of the documents' table structures and the medel till förfogande.

The kansli writes; the board and auditors read; another förbund's objects are 404 (through
`finsam.access`). A structure that an adopted document uses is locked (the save is refused
with the reason, finsam.concurrency.LastError).
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from budget.models import MedelTillForfogande, Tabellgrupp, Tabellrad, Tabellstruktur
from budget.tabeller import services
from budget.tabeller.forms import (
    MedelTillForfogandeForm,
    NyStrukturForm,
    TabellgruppForm,
    TabellradForm,
    TabellstrukturForm,
)
from budget.tabeller.struktur import upplos
from finsam import access
from finsam.concurrency import bump_locked, save_locked
from finsam.views_base import delete_page, form_page

LISTA = "budget:tabell-list"


def _struktur(request, pk):
    return access.get_for_forbund(Tabellstruktur.objects.all(), request.user, pk=pk)


@require_GET
@login_required
def tabell_list(request):
    forbund = access.require_read(request.user)
    return render(
        request,
        "budget/tabeller/list.html",
        {
            "strukturer": Tabellstruktur.objects.filter(forbund=forbund).order_by(
                "dokument", "-ar"
            ),
            "medel": MedelTillForfogande.objects.filter(forbund=forbund).order_by(
                "-ar", "ordning", "pk"
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def tabell_create(request):
    forbund = access.require_edit(request.user)
    form = NyStrukturForm(request.POST or None, forbund=forbund)

    def spara(f):
        d = f.cleaned_data
        if d["kalla"] == NyStrukturForm.Kalla.FOREGAENDE:
            return services.struktur_kopiera(fran=f.fran, ar=d["ar"])
        return services.struktur_fran_tradet(forbund=forbund, dokument=d["dokument"], ar=d["ar"])

    return form_page(
        request,
        form,
        save=spara,
        sparad=lambda s: _("%(struktur)s är skapad.") % {"struktur": s},
        done_url=lambda s: reverse("budget:tabell-detail", args=[s.pk]),
        template="budget/form.html",
        rubrik=_("Ny tabellstruktur"),
        avbryt_url=reverse(LISTA),
    )


@require_GET
@login_required
def tabell_detail(request, pk):
    access.require_read(request.user)
    struktur = _struktur(request, pk)
    upplost = upplos(struktur)
    grupper = list(struktur.grupper.order_by("ordning", "pk"))
    rader = list(
        Tabellrad.objects.filter(grupp__struktur=struktur)
        .select_related("budgetrad", "budgetgrupp")
        .order_by("ordning", "pk")
    )
    per_grupp = {g.pk: [r for r in rader if r.grupp_id == g.pk] for g in grupper}
    return render(
        request,
        "budget/tabeller/detail.html",
        {
            "struktur": struktur,
            "grupper": [(g, per_grupp[g.pk]) for g in grupper],
            "utanfor": upplost.utanfor,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def tabell_edit(request, pk):
    access.require_edit(request.user)
    struktur = _struktur(request, pk)
    form = TabellstrukturForm(request.POST or None, instance=struktur)
    url = reverse("budget:tabell-detail", args=[struktur.pk])
    return form_page(
        request,
        form,
        save=lambda f: save_locked(f.instance, expected_version=f.loaded_version),
        sparad=_("Tabellstrukturen är sparad."),
        done_url=url,
        template="budget/form.html",
        rubrik=str(struktur),
        avbryt_url=url,
    )


def _del_page(request, struktur, form, rubrik):
    return form_page(
        request,
        form,
        save=lambda f: services.del_spara(
            f.instance, struktur=struktur, expected_version=f.loaded_version
        ),
        sparad=_("Tabellstrukturen är sparad."),
        done_url=reverse("budget:tabell-detail", args=[struktur.pk]),
        template="budget/form.html",
        rubrik=rubrik,
        avbryt_url=reverse("budget:tabell-detail", args=[struktur.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def grupp_create(request, pk):
    access.require_edit(request.user)
    struktur = _struktur(request, pk)
    form = TabellgruppForm(request.POST or None, struktur=struktur)
    return _del_page(request, struktur, form, _("Ny grupp i %(s)s") % {"s": struktur})


@require_http_methods(["GET", "POST"])
@login_required
def grupp_edit(request, pk, grupp):
    access.require_edit(request.user)
    struktur = _struktur(request, pk)
    obj = access.get_for_forbund(
        Tabellgrupp.objects.filter(struktur=struktur),
        request.user,
        forbund_path="struktur__forbund",
        pk=grupp,
    )
    form = TabellgruppForm(request.POST or None, instance=obj, struktur=struktur)
    return _del_page(request, struktur, form, _("Grupp %(namn)s") % {"namn": obj.namn})


@require_http_methods(["GET", "POST"])
@login_required
def rad_create(request, pk):
    access.require_edit(request.user)
    struktur = _struktur(request, pk)
    form = TabellradForm(request.POST or None, struktur=struktur)
    return _del_page(request, struktur, form, _("Ny rad i %(s)s") % {"s": struktur})


@require_http_methods(["GET", "POST"])
@login_required
def rad_edit(request, pk, rad):
    access.require_edit(request.user)
    struktur = _struktur(request, pk)
    obj = access.get_for_forbund(
        Tabellrad.objects.filter(grupp__struktur=struktur),
        request.user,
        forbund_path="grupp__struktur__forbund",
        pk=rad,
    )
    form = TabellradForm(request.POST or None, instance=obj, struktur=struktur)
    return _del_page(request, struktur, form, _("Rad %(namn)s") % {"namn": obj.visat_namn})


def _ta_bort(request, struktur, obj, namn):
    return delete_page(
        request,
        struktur,
        delete=lambda version: services.del_ta_bort(
            obj, struktur=struktur, expected_version=version
        ),
        borttagen=_("%(namn)s är borttagen.") % {"namn": namn},
        done_url=reverse("budget:tabell-detail", args=[struktur.pk]),
        template="budget/tabeller/delete.html",
        namn=namn,
        avbryt_url=reverse("budget:tabell-detail", args=[struktur.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def grupp_delete(request, pk, grupp):
    access.require_edit(request.user)
    struktur = _struktur(request, pk)
    obj = access.get_for_forbund(
        Tabellgrupp.objects.filter(struktur=struktur),
        request.user,
        forbund_path="struktur__forbund",
        pk=grupp,
    )
    return _ta_bort(request, struktur, obj, obj.namn)


@require_http_methods(["GET", "POST"])
@login_required
def rad_delete(request, pk, rad):
    access.require_edit(request.user)
    struktur = _struktur(request, pk)
    obj = access.get_for_forbund(
        Tabellrad.objects.filter(grupp__struktur=struktur),
        request.user,
        forbund_path="grupp__struktur__forbund",
        pk=rad,
    )
    return _ta_bort(request, struktur, obj, obj.visat_namn)


# --- medel till förfogande ---------------------------------------------------------------


def _medel_page(request, forbund, form, rubrik):
    form.instance.forbund = forbund
    return form_page(
        request,
        form,
        save=lambda f: save_locked(f.instance, expected_version=f.loaded_version),
        sparad=lambda m: _("%(rad)s är sparad.") % {"rad": m.rubrik},
        done_url=reverse(LISTA),
        template="budget/form.html",
        rubrik=rubrik,
        avbryt_url=reverse(LISTA),
    )


@require_http_methods(["GET", "POST"])
@login_required
def medel_create(request):
    forbund = access.require_edit(request.user)
    form = MedelTillForfogandeForm(request.POST or None)
    return _medel_page(request, forbund, form, _("Nya medel till förfogande"))


@require_http_methods(["GET", "POST"])
@login_required
def medel_edit(request, pk):
    forbund = access.require_edit(request.user)
    obj = access.get_for_forbund(MedelTillForfogande.objects.all(), request.user, pk=pk)
    form = MedelTillForfogandeForm(request.POST or None, instance=obj)
    return _medel_page(request, forbund, form, obj.rubrik)


@require_http_methods(["GET", "POST"])
@login_required
def medel_delete(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(MedelTillForfogande.objects.all(), request.user, pk=pk)

    def ta_bort(version):
        bump_locked(obj, expected_version=version)
        obj.delete()

    return delete_page(
        request,
        obj,
        delete=ta_bort,
        borttagen=_("%(rad)s är borttagen.") % {"rad": obj.rubrik},
        done_url=reverse(LISTA),
        template="budget/tabeller/delete.html",
        namn=obj.rubrik,
        avbryt_url=reverse(LISTA),
    )
