"""Views for structural activities, the indicator survey and the goals with their follow-up.

Every view: reach the förbund or object through `finsam.access` / `verksamhet.selectors`
(404 to outsiders, 403 to readers on writes), validate a form, call a service, redirect.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access, permissions
from finsam.concurrency import ConflictError
from finsam.views_base import delete_page, form_page
from uppfoljning.models import (
    Aktivitet,
    Indikatorbedomning,
    Indikatorsvar,
    Mal,
    Maluppfoljning,
    PlaneradAktivitet,
)
from uppfoljning.verksamhet import selectors, services
from uppfoljning.verksamhet.forms import (
    ANDEL_FALT,
    AktivitetForm,
    IndikatorbedomningFormSet,
    IndikatorsvarFormSet,
    MalForm,
    MaluppfoljningForm,
    PlaneradAktivitetForm,
)

FORSTA_AR, SISTA_AR = 2000, 2100
# The year switcher (_arsval.html) links no further than the years the URLs accept.
ARSGRANSER = {"forsta_ar": FORSTA_AR, "sista_ar": SISTA_AR}


def _check_ar(ar: int) -> int:
    if not FORSTA_AR <= ar <= SISTA_AR:
        raise Http404
    return ar


def _senaste_ar(qs) -> int:
    return qs.aggregate(ar=Max("ar"))["ar"] or date.today().year


# --- structural activities --------------------------------------------------------------


def _aktivitet_list_url(ar):
    return reverse("uppfoljning:aktivitet-list", args=[ar])


@require_GET
@login_required
def aktivitet_index(request):
    ar = _senaste_ar(selectors.aktiviteter_for_user(request.user))
    return redirect(_aktivitet_list_url(ar))


@require_GET
@login_required
def aktivitet_list(request, ar):
    _check_ar(ar)
    aktiviteter = selectors.aktiviteter_for_user(request.user)
    forbund = request.user.forbund
    kan_andra_alla = permissions.can_edit_forbund(request.user, forbund)
    ar_styrgrupp = permissions.has_role(request.user, permissions.Roll.STYRGRUPP)
    context = {
        "ar": ar,
        **ARSGRANSER,
        "tabell": selectors.aktivitetstabell(aktiviteter, ar),
        # Everything shown to a styrgrupp user is of its own insatser, so it may edit it.
        "kan_andra": kan_andra_alla or ar_styrgrupp,
    }
    return render(request, "uppfoljning/verksamhet/aktivitet_list.html", context)


def _save_aktivitet(form):
    return services.aktivitet_save(aktivitet=form.instance, expected_version=form.loaded_version)


def _aktivitet_form(request, aktivitet):
    kansli = permissions.can_edit_forbund(request.user, aktivitet.forbund)
    initial = {}
    if aktivitet.pk is None and request.GET.get("insats", "").isdigit():
        initial["insats"] = int(request.GET["insats"])
    return AktivitetForm(
        request.POST or None,
        instance=aktivitet,
        initial=initial,
        insatser=selectors.insatser_for_aktivitet(request.user),
        insats_kravs=not kansli,
    )


@require_http_methods(["GET", "POST"])
@login_required
def aktivitet_create(request, ar):
    _check_ar(ar)
    forbund = selectors.require_aktivitet_write(request.user)
    form = _aktivitet_form(request, Aktivitet(forbund=forbund, ar=ar))
    return form_page(
        request,
        form,
        template="uppfoljning/verksamhet/form.html",
        save=_save_aktivitet,
        sparad=_("Aktiviteten är sparad."),
        rubrik=_("Ny aktivitet %(ar)s") % {"ar": ar},
        done_url=_aktivitet_list_url(ar),
        tillbaka_url=_aktivitet_list_url(ar),
        tillbaka=_("Strukturpåverkande aktiviteter %(ar)s") % {"ar": ar},
    )


@require_http_methods(["GET", "POST"])
@login_required
def aktivitet_edit(request, pk):
    aktivitet = selectors.get_aktivitet_for_edit(request.user, pk)
    form = _aktivitet_form(request, aktivitet)
    return form_page(
        request,
        form,
        template="uppfoljning/verksamhet/form.html",
        save=_save_aktivitet,
        sparad=_("Aktiviteten är sparad."),
        rubrik=_("Ändra aktivitet"),
        done_url=_aktivitet_list_url(aktivitet.ar),
        tillbaka_url=_aktivitet_list_url(aktivitet.ar),
        tillbaka=_("Strukturpåverkande aktiviteter %(ar)s") % {"ar": aktivitet.ar},
    )


@require_http_methods(["GET", "POST"])
@login_required
def aktivitet_delete(request, pk):
    aktivitet = selectors.get_aktivitet_for_edit(request.user, pk)
    return delete_page(
        request,
        aktivitet,
        delete=lambda version: services.aktivitet_delete(
            aktivitet=aktivitet, expected_version=version
        ),
        borttagen=_("Aktiviteten är borttagen."),
        beskrivning=_("aktiviteten %(namn)s (%(ar)s)")
        % {"namn": aktivitet.namn, "ar": aktivitet.ar},
        done_url=_aktivitet_list_url(aktivitet.ar),
        template="uppfoljning/verksamhet/confirm_delete.html",
        tillbaka_url=_aktivitet_list_url(aktivitet.ar),
    )


# --- indicators -------------------------------------------------------------------------


def _indikator_url(ar):
    return reverse("uppfoljning:indikator-detail", args=[ar])


@require_GET
@login_required
def indikator_index(request):
    forbund = access.require_read(request.user)
    return redirect(_indikator_url(_senaste_ar(Indikatorsvar.objects.filter(forbund=forbund))))


@require_GET
@login_required
def indikator_detail(request, ar):
    _check_ar(ar)
    forbund = access.require_read(request.user)
    context = {
        "ar": ar,
        **ARSGRANSER,
        "grupper": selectors.indikatortabeller(forbund, ar),
        "bedomningar": selectors.indikatorbedomningar(forbund, ar),
        "respondentgrupper": Indikatorsvar.Respondentgrupp.choices,
        "kan_andra": permissions.can_edit_forbund(request.user, forbund),
    }
    return render(request, "uppfoljning/verksamhet/indikator_detail.html", context)


def _rader(formset):
    """The grid's rows as the service takes them; unchanged empty rows are skipped."""
    rader = []
    for form in formset.forms:
        ta_bort = formset._should_delete_form(form)
        if form.instance.pk is None and (ta_bort or not form.has_changed()):
            continue
        rader.append(
            services.Radandring(
                obj=form.instance, expected_version=form.loaded_version, ta_bort=ta_bort
            )
        )
    return rader


def _save_grid(formset, save) -> bool:
    try:
        save(_rader(formset))
    except ConflictError as e:
        formset._non_form_errors.append(str(e))
    except ValidationError as e:
        formset._non_form_errors.extend(e.messages)
    else:
        return True
    return False


@require_http_methods(["GET", "POST"])
@login_required
def indikator_edit(request, ar, grupp):
    _check_ar(ar)
    forbund = access.require_edit(request.user)
    if grupp not in Indikatorsvar.Respondentgrupp.values:
        raise Http404
    queryset = Indikatorsvar.objects.filter(forbund=forbund, ar=ar, respondentgrupp=grupp)
    formset = IndikatorsvarFormSet(request.POST or None, queryset=queryset, prefix="svar")
    if request.method == "POST" and formset.is_valid():
        sparat = _save_grid(
            formset,
            lambda rader: services.indikatorsvar_save_grupp(
                forbund=forbund, ar=ar, respondentgrupp=grupp, rader=rader
            ),
        )
        if sparat:
            messages.success(request, _("Indikatorsvaren är sparade."))
            return redirect(_indikator_url(ar))
    context = {
        "ar": ar,
        "formset": formset,
        "grupp_namn": Indikatorsvar.Respondentgrupp(grupp).label,
        "skalsteg": {str(k): v for k, v in Indikatorsvar.SKALSTEG.items()},
        "antal_steg": len(ANDEL_FALT),
    }
    return render(request, "uppfoljning/verksamhet/indikator_edit.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def indikator_bedomning_edit(request, ar):
    _check_ar(ar)
    forbund = access.require_edit(request.user)
    queryset = Indikatorbedomning.objects.filter(forbund=forbund, ar=ar)
    formset = IndikatorbedomningFormSet(request.POST or None, queryset=queryset, prefix="bed")
    if request.method == "POST" and formset.is_valid():
        sparat = _save_grid(
            formset,
            lambda rader: services.indikatorbedomning_save_alla(
                forbund=forbund, ar=ar, rader=rader
            ),
        )
        if sparat:
            messages.success(request, _("Styrelsens bedömningar är sparade."))
            return redirect(_indikator_url(ar))
    context = {"ar": ar, "formset": formset}
    return render(request, "uppfoljning/verksamhet/indikator_bedomning_edit.html", context)


# --- goals ------------------------------------------------------------------------------


def _mal_url(ar):
    return reverse("uppfoljning:mal-list", args=[ar])


@require_GET
@login_required
def mal_index(request):
    forbund = access.require_read(request.user)
    return redirect(_mal_url(_senaste_ar(Mal.objects.filter(forbund=forbund))))


@require_GET
@login_required
def mal_list(request, ar):
    _check_ar(ar)
    forbund = access.require_read(request.user)
    context = {
        "ar": ar,
        **ARSGRANSER,
        "omraden": selectors.malomraden_med_mal(forbund, ar),
        "kan_andra": permissions.can_edit_forbund(request.user, forbund),
        "tillfallen": Maluppfoljning.Tillfalle,
    }
    return render(request, "uppfoljning/verksamhet/mal_list.html", context)


def _mal_tillbaka(ar):
    return _("Mål och uppföljning %(ar)s") % {"ar": ar}


def _save_mal(form):
    return services.mal_save(mal=form.instance, expected_version=form.loaded_version)


@require_http_methods(["GET", "POST"])
@login_required
def mal_create(request, ar, malomrade_pk):
    _check_ar(ar)
    forbund = access.require_edit(request.user)
    malomrade = selectors.get_malomrade_for_edit(request.user, malomrade_pk)
    mal = Mal(forbund=forbund, ar=ar, malomrade=malomrade)
    form = MalForm(request.POST or None, instance=mal, forbund=forbund)
    return form_page(
        request,
        form,
        template="uppfoljning/verksamhet/form.html",
        save=_save_mal,
        sparad=_("Målet är sparat."),
        rubrik=_("Nytt mål under %(omrade)s") % {"omrade": malomrade.namn},
        done_url=_mal_url(ar),
        tillbaka_url=_mal_url(ar),
        tillbaka=_mal_tillbaka(ar),
    )


@require_http_methods(["GET", "POST"])
@login_required
def mal_edit(request, pk):
    mal = selectors.get_mal_for_edit(request.user, pk)
    form = MalForm(request.POST or None, instance=mal, forbund=mal.malomrade.forbund)
    return form_page(
        request,
        form,
        template="uppfoljning/verksamhet/form.html",
        save=_save_mal,
        sparad=_("Målet är sparat."),
        rubrik=_("Ändra mål"),
        done_url=_mal_url(mal.ar),
        tillbaka_url=_mal_url(mal.ar),
        tillbaka=_mal_tillbaka(mal.ar),
    )


@require_http_methods(["GET", "POST"])
@login_required
def mal_delete(request, pk):
    mal = selectors.get_mal_for_edit(request.user, pk)
    return delete_page(
        request,
        mal,
        delete=lambda version: services.mal_delete(mal=mal, expected_version=version),
        borttagen=_("Målet är borttaget."),
        beskrivning=_("målet ”%(text)s” med dess planerade aktiviteter och uppföljning")
        % {"text": mal},
        done_url=_mal_url(mal.ar),
        template="uppfoljning/verksamhet/confirm_delete.html",
        tillbaka_url=_mal_url(mal.ar),
    )


def _save_planerad(form):
    return services.planerad_aktivitet_save(
        aktivitet=form.instance, expected_version=form.loaded_version
    )


@require_http_methods(["GET", "POST"])
@login_required
def mal_aktivitet_create(request, pk):
    mal = selectors.get_mal_for_edit(request.user, pk)
    nasta = (mal.aktiviteter.aggregate(m=Max("ordning"))["m"] or 0) + 1
    form = PlaneradAktivitetForm(
        request.POST or None, instance=PlaneradAktivitet(mal=mal), initial={"ordning": nasta}
    )
    return form_page(
        request,
        form,
        template="uppfoljning/verksamhet/form.html",
        save=_save_planerad,
        sparad=_("Den planerade aktiviteten är sparad."),
        rubrik=_("Ny planerad aktivitet för ”%(mal)s”") % {"mal": mal},
        done_url=_mal_url(mal.ar),
        tillbaka_url=_mal_url(mal.ar),
        tillbaka=_mal_tillbaka(mal.ar),
    )


@require_http_methods(["GET", "POST"])
@login_required
def mal_aktivitet_edit(request, pk):
    aktivitet = selectors.get_planerad_aktivitet_for_edit(request.user, pk)
    ar = aktivitet.mal.ar
    form = PlaneradAktivitetForm(request.POST or None, instance=aktivitet)
    return form_page(
        request,
        form,
        template="uppfoljning/verksamhet/form.html",
        save=_save_planerad,
        sparad=_("Den planerade aktiviteten är sparad."),
        rubrik=_("Ändra planerad aktivitet"),
        done_url=_mal_url(ar),
        tillbaka_url=_mal_url(ar),
        tillbaka=_mal_tillbaka(ar),
    )


@require_http_methods(["GET", "POST"])
@login_required
def mal_aktivitet_delete(request, pk):
    aktivitet = selectors.get_planerad_aktivitet_for_edit(request.user, pk)
    return delete_page(
        request,
        aktivitet,
        delete=lambda version: services.planerad_aktivitet_delete(
            aktivitet=aktivitet, expected_version=version
        ),
        borttagen=_("Den planerade aktiviteten är borttagen."),
        beskrivning=_("den planerade aktiviteten ”%(text)s”") % {"text": aktivitet},
        done_url=_mal_url(aktivitet.mal.ar),
        template="uppfoljning/verksamhet/confirm_delete.html",
        tillbaka_url=_mal_url(aktivitet.mal.ar),
    )


@require_http_methods(["GET", "POST"])
@login_required
def mal_uppfoljning(request, pk, tillfalle):
    mal = selectors.get_mal_for_edit(request.user, pk)
    if tillfalle not in Maluppfoljning.Tillfalle.values:
        raise Http404
    uppfoljning = Maluppfoljning.objects.filter(mal=mal, tillfalle=tillfalle).first()
    if uppfoljning is None:
        uppfoljning = Maluppfoljning(mal=mal, tillfalle=tillfalle)
    form = MaluppfoljningForm(request.POST or None, instance=uppfoljning)
    return form_page(
        request,
        form,
        template="uppfoljning/verksamhet/form.html",
        save=lambda f: services.maluppfoljning_save(
            uppfoljning=f.instance, expected_version=f.loaded_version
        ),
        sparad=_("Uppföljningen är sparad."),
        rubrik=_("Uppföljning %(tillfalle)s %(ar)s: ”%(mal)s”")
        % {
            "tillfalle": Maluppfoljning.Tillfalle(tillfalle).label.lower(),
            "ar": mal.ar,
            "mal": mal,
        },
        done_url=_mal_url(mal.ar),
        tillbaka_url=_mal_url(mal.ar),
        tillbaka=_mal_tillbaka(mal.ar),
    )
