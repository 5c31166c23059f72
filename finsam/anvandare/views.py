"""Pages of the administration.

Kansli (Förbundet → Användare): the förbund's users, invite, change, deactivate. Another
förbund's user is 404; styrelse, revisor and styrgrupp get 403.

Systemadministratör (its own start page): the förbund, create, rename, deactivate, invite
a kansli user. Everybody else gets 404; the systemadministratör has no förbund, so every
page of a förbund's data refuses them (404 or 403) like any user without one.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access
from finsam.anvandare import selectors, services
from finsam.anvandare.forms import AnvandareForm, BekraftaForm, ForbundForm, InbjudanForm
from finsam.models import Forbund, User
from finsam.views_base import REFUSED, call_service, form_page


def _kansli(user) -> Forbund:
    forbund = access.require_edit(user)
    return forbund


def _egen_anvandare(user, pk) -> User:
    """A user of the kansli's own förbund, or 404 (whether it exists elsewhere or not)."""
    return access.get_for_forbund(User.objects.all(), user, pk=pk)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


# --- kansli ------------------------------------------------------------------------------


@require_GET
@login_required
def anvandare_list(request):
    forbund = _kansli(request.user)
    return render(
        request,
        "finsam/anvandare/anvandare_list.html",
        {"anvandare": list(selectors.anvandare_for(forbund))},
    )


@require_http_methods(["GET", "POST"])
@login_required
def anvandare_bjud_in(request):
    forbund = _kansli(request.user)
    form = InbjudanForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda f: services.bjud_in(
            forbund=forbund,
            epost=f.cleaned_data["email"],
            first_name=f.cleaned_data["first_name"],
            last_name=f.cleaned_data["last_name"],
            roll=f.vald_roll,
            inbjuden_av=request.user,
            base_url=_base_url(request),
        ),
        sparad=lambda u: _("En inbjudan är skickad till %(epost)s.") % {"epost": u.email},
        done_url=reverse("finsam:anvandare-list"),
        template="finsam/anvandare/form.html",
        rubrik=_("Bjud in en användare"),
        avbryt_url=reverse("finsam:anvandare-list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def anvandare_edit(request, pk):
    _kansli(request.user)
    anvandare = _egen_anvandare(request.user, pk)
    form = AnvandareForm(
        request.POST or None, user=anvandare, version=services.anvandare_version(anvandare)
    )
    return form_page(
        request,
        form,
        save=lambda f: services.anvandare_andra(
            user=anvandare,
            first_name=f.cleaned_data["first_name"],
            last_name=f.cleaned_data["last_name"],
            email=f.cleaned_data["email"],
            roll=f.cleaned_data["roll"],
            andrad_av=request.user,
            expected_version=f.cleaned_data["lock_version_loaded"],
        ),
        sparad=lambda u: _("%(namn)s är sparad.") % {"namn": u},
        done_url=reverse("finsam:anvandare-list"),
        template="finsam/anvandare/form.html",
        rubrik=_("Ändra %(namn)s") % {"namn": anvandare},
        avbryt_url=reverse("finsam:anvandare-list"),
        anvandare=anvandare,
    )


@require_http_methods(["GET", "POST"])
@login_required
def anvandare_status(request, pk):
    """Deactivate an active user, or reactivate a deactivated one (asks first)."""
    _kansli(request.user)
    anvandare = _egen_anvandare(request.user, pk)
    aktiv = not anvandare.is_active
    form = BekraftaForm(
        request.POST if request.method == "POST" else None,
        knapp=_("Aktivera") if aktiv else _("Avaktivera"),
    )
    if request.method == "POST" and form.is_valid():
        gjort = call_service(
            form,
            lambda: services.anvandare_satt_aktiv(
                user=anvandare, aktiv=aktiv, andrad_av=request.user
            ),
        )
        if gjort is not REFUSED:
            text = _("%(namn)s är aktiverad.") if aktiv else _("%(namn)s är avaktiverad.")
            messages.success(request, text % {"namn": anvandare})
            return redirect("finsam:anvandare-list")
    return render(
        request,
        "finsam/anvandare/anvandare_status.html",
        {"form": form, "anvandare": anvandare, "aktivera": aktiv},
    )


@require_http_methods(["POST"])
@login_required
def anvandare_ny_inbjudan(request, pk):
    """Mail a new set-password link to an invited user who has not chosen a password yet."""
    _kansli(request.user)
    anvandare = _egen_anvandare(request.user, pk)
    if anvandare.has_usable_password() or not anvandare.is_active or not anvandare.email:
        raise Http404
    if services.skicka_inbjudan(anvandare, base_url=_base_url(request), inbjuden_av=request.user):
        messages.success(
            request, _("En ny inbjudan är skickad till %(epost)s.") % {"epost": anvandare.email}
        )
    else:
        messages.error(request, _("Inbjudan kunde inte skickas. Försök igen senare."))
    return redirect("finsam:anvandare-list")


# --- systemadministratör ------------------------------------------------------------------


def _system(user) -> None:
    access.require_systemadministrator(user)


def _forbund(pk) -> Forbund:
    return get_object_or_404(Forbund, pk=pk)


@require_GET
@login_required
def system_start(request):
    _system(request.user)
    return render(
        request,
        "finsam/anvandare/system_start.html",
        {"forbundlista": list(selectors.forbund_oversikt())},
    )


@require_http_methods(["GET", "POST"])
@login_required
def system_forbund_create(request):
    _system(request.user)
    form = ForbundForm(request.POST or None, instance=Forbund())
    return form_page(
        request,
        form,
        save=lambda f: services.forbund_skapa(forbund=f.instance),
        sparad=lambda fb: (
            _(
                "%(namn)s är skapat. Bjud nu in förbundets första kanslianvändare. Ska "
                "förbundet börja med ett annat förbunds struktur (budgetträd, målområden, "
                "mått), välj Kopiera struktur på förbundets rad."
            )
            % {"namn": fb.namn}
        ),
        done_url=lambda fb: reverse("finsam:system-bjud-in", kwargs={"pk": fb.pk}),
        template="finsam/anvandare/system_form.html",
        rubrik=_("Nytt samordningsförbund"),
        avbryt_url=reverse("finsam:system-start"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def system_forbund_edit(request, pk):
    _system(request.user)
    forbund = _forbund(pk)
    form = ForbundForm(request.POST or None, instance=forbund)
    return form_page(
        request,
        form,
        save=lambda f: services.forbund_andra(
            forbund=f.instance, expected_version=f.loaded_version
        ),
        sparad=lambda fb: _("%(namn)s är sparat.") % {"namn": fb.namn},
        done_url=reverse("finsam:system-start"),
        template="finsam/anvandare/system_form.html",
        rubrik=_("Ändra %(namn)s") % {"namn": forbund.namn},
        avbryt_url=reverse("finsam:system-start"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def system_forbund_status(request, pk):
    """Deactivate an active förbund (its users can no longer log in), or reactivate it."""
    _system(request.user)
    forbund = _forbund(pk)
    aktiv = not forbund.aktiv
    form = BekraftaForm(
        request.POST if request.method == "POST" else None,
        initial={"lock_version_loaded": forbund.lock_version},
        knapp=_("Aktivera") if aktiv else _("Avaktivera"),
    )
    if request.method == "POST" and form.is_valid():
        gjort = call_service(
            form,
            lambda: services.forbund_satt_aktiv(
                forbund=forbund,
                aktiv=aktiv,
                expected_version=form.cleaned_data["lock_version_loaded"],
            ),
        )
        if gjort is not REFUSED:
            text = _("%(namn)s är aktiverat.") if aktiv else _("%(namn)s är avaktiverat.")
            messages.success(request, text % {"namn": forbund.namn})
            return redirect("finsam:system-start")
    return render(
        request,
        "finsam/anvandare/system_forbund_status.html",
        {"form": form, "objekt": forbund, "aktivera": aktiv},
    )


@require_http_methods(["GET", "POST"])
@login_required
def system_bjud_in(request, pk):
    """Invite a kansli user of the förbund (its first, or a new one if all have left)."""
    _system(request.user)
    forbund = _forbund(pk)
    form = InbjudanForm(request.POST or None, fast_roll=User.Roll.KANSLI)
    return form_page(
        request,
        form,
        save=lambda f: services.bjud_in(
            forbund=forbund,
            epost=f.cleaned_data["email"],
            first_name=f.cleaned_data["first_name"],
            last_name=f.cleaned_data["last_name"],
            roll=f.vald_roll,
            inbjuden_av=request.user,
            base_url=_base_url(request),
        ),
        sparad=lambda u: _("En inbjudan är skickad till %(epost)s.") % {"epost": u.email},
        done_url=reverse("finsam:system-start"),
        template="finsam/anvandare/system_form.html",
        rubrik=_("Bjud in kansli till %(namn)s") % {"namn": forbund.namn},
        avbryt_url=reverse("finsam:system-start"),
        hjalp=_(
            "Kanslianvändaren får ett e-brev med en länk för att välja lösenord och kan "
            "sedan bjuda in förbundets övriga användare."
        ),
    )
