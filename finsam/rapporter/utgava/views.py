"""Working on an edition of any report: its texts with a live preview, the checklist,
fastställ and reopen; and the archive of adopted PDFs.

Kansli does all of it; styrelse and revisor read the archive. Every view answers 404 for
an unknown document, a malformed key or a report that cannot be built.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from finsam import access, permissions
from finsam.concurrency import ConflictError, bump_locked, check_version
from finsam.forms_base import LockVersionField, add_validation_error
from finsam.models import Rapportarkiv, Rapportutgava
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava import arkivering, bilder, faststall, kontroller
from finsam.rapporter.utgava.kontext import rapportkontext
from finsam.rapporter.utgava.texter import text_spara, texter_markdown, utgava_for


def _typ(kod):
    try:
        return dokumenttyp(kod)
    except KeyError:
        raise Http404 from None


def _bygg(typ, forbund, nyckel, *, utkast=None, figurer=False):
    """The edition as far as these pages need it, kept until the next write
    (Dokumenttyp.bygg_arbete); a preview of unsaved texts (`utkast`) is always built whole."""
    try:
        if utkast is not None:
            return typ.bygg(forbund, nyckel, utkast=utkast)
        return typ.bygg_arbete(forbund, nyckel, figurer=bilder.figurgrupper if figurer else None)
    except (RapportSaknas, ValueError) as e:
        raise Http404(str(e)) from None


def _for_kansli(request, kod, nyckel, *, figurer=False):
    """(typ, forbund, rapport) for kansli; 403 for readers, 404 for other förbund's users.
    `figurer`: the report has every named figure (Dokumenttyp.bygg_arbete)."""
    forbund = access.require_edit(request.user)
    typ = _typ(kod)
    return typ, forbund, _bygg(typ, forbund, nyckel, figurer=figurer)


# --- texts with a live preview --------------------------------------------------------------


class TexterForm(forms.Form):
    lock_version = LockVersionField()

    def __init__(self, *args, typ, **kwargs):
        super().__init__(*args, **kwargs)
        for avsnitt, rubrik in typ.avsnitt.items():
            self.fields[avsnitt] = forms.CharField(
                label=rubrik,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5, "data-avsnitt": avsnitt}),
            )


def _falt_html(form, namn: str) -> str:
    """One of TexterForm's fields as `{{ form|crispy }}` (Bootstrap 5) prints it unbound:
    the same HTML, without the ~5 templates per field (tests/finsam/rapporter/utgava/
    test_texter_formular.py compares them)."""
    bf = form[namn]
    varde = bf.field.widget.format_value(bf.value())
    disabled = " disabled" if bf.field.disabled else ""
    if namn == "lock_version":
        value = format_html(' value="{}"', varde) if varde is not None else ""
        return format_html(
            '<input type="hidden" name="{}"{}{} id="id_{}">', namn, value, disabled, namn
        )
    attrs = bf.field.widget.attrs
    return format_html(
        '<div id="div_id_{namn}" class="mb-3"> <label\n'
        '                for="id_{namn}" class="form-label">\n'
        "                {etikett}\n"
        '            </label> <textarea name="{namn}" cols="40" rows="{rows}" '
        'data-avsnitt="{avsnitt}" class="textarea form-control"{disabled} id="id_{namn}">\n'
        "{varde}</textarea> </div>",
        namn=namn,
        etikett=bf.label,
        rows=attrs["rows"],
        avsnitt=attrs["data-avsnitt"],
        disabled=disabled,
        varde=varde or "",
    )


def formular_html(form) -> str:
    """An unbound TexterForm as `{{ form|crispy }}` prints it (a bound one, with its errors,
    is left to crispy)."""
    return mark_safe(  # noqa: S308  (every part is format_html's)
        "\n\n" + " ".join(_falt_html(form, namn) for namn in form.fields) + "\n"
    )


@require_http_methods(["GET", "POST"])
@login_required
def texter(request, kod, nyckel):
    typ, forbund, rapport = _for_kansli(request, kod, nyckel, figurer=True)
    utgava = rapport.utgava
    visade = texter_markdown(utgava, typ.forvalda)
    faststalld = utgava.status == Rapportutgava.Status.FASTSTALLD
    initial = {"lock_version": utgava.lock_version, **visade}
    if request.method == "POST":
        form = TexterForm(request.POST, typ=typ, initial=initial)
        if faststalld:
            form.add_error(
                None, _("Rapporten är fastställd. Öppna den igen för att ändra texterna.")
            )
        elif form.is_valid():
            try:
                with transaction.atomic():
                    andrade = {
                        avsnitt: text
                        for avsnitt in typ.avsnitt
                        if (text := form.cleaned_data[avsnitt].replace("\r\n", "\n"))
                        != visade.get(avsnitt, "").replace("\r\n", "\n")
                    }
                    version = form.cleaned_data["lock_version"]
                    if version is None:  # a post without the page's version: never trusted
                        raise ConflictError(utgava)
                    if andrade:
                        if utgava.pk is None:  # the first text of this edition: store it now
                            utgava = utgava_for(
                                forbund, typ.kod, ar=utgava.ar, per=utgava.per, nyckel=nyckel
                            )
                        bump_locked(utgava, expected_version=version)
                    else:  # nothing to write, but an outdated page is still refused
                        check_version(utgava, expected_version=version)
                    for avsnitt, text in andrade.items():
                        text_spara(utgava=utgava, avsnitt=avsnitt, text=text)
            except (ConflictError, ValidationError) as e:
                form.add_error(None, e.messages[0] if isinstance(e, ValidationError) else str(e))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Texterna är sparade (%(antal)s avsnitt ändrat).",
                        "Texterna är sparade (%(antal)s avsnitt ändrade).",
                        len(andrade),
                    )
                    % {"antal": len(andrade)},
                )
                return redirect("finsam:rapport-texter", kod=kod, nyckel=nyckel)
    else:
        form = TexterForm(typ=typ, initial=initial)
    if faststalld:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "rapporter/texter.html",
        {
            "typ": typ,
            "nyckel": nyckel,
            "rubrik": typ.rubrik(nyckel),
            "form": form,
            "formular": None if form.is_bound else formular_html(form),
            "utgava": utgava,
            "faststalld": faststalld,
            "visa_url": typ.visa_url(nyckel),
            **bilder.editorkontext(typ, forbund, nyckel, rapport),
        },
    )


@require_POST
@login_required
def forhandsvisning(request, kod, nyckel):
    """The whole document as HTML with the posted (unsaved) texts. Saves nothing."""
    forbund = access.require_edit(request.user)
    typ = _typ(kod)
    utkast = {a: request.POST[a] for a in typ.avsnitt if a in request.POST}
    rapport = _bygg(typ, forbund, nyckel, utkast=utkast)
    kontext = {
        **rapportkontext(typ, forbund, nyckel, rapport),
        "pdf": False,
        "forhandsvisning": True,
    }
    return HttpResponse(render_to_string(typ.template, kontext, request=request))


# --- checklist --------------------------------------------------------------------------


@require_GET
@login_required
def kontroll(request, kod, nyckel):
    typ, forbund, rapport = _for_kansli(request, kod, nyckel)
    return render(
        request,
        "rapporter/kontroll.html",
        {
            "typ": typ,
            "nyckel": nyckel,
            "rubrik": typ.rubrik(nyckel),
            "rapport": rapport,
            "varningar": kontroller.varningar_lagrade(typ, forbund, nyckel, rapport),
            "visa_url": typ.visa_url(nyckel),
            "pdf_url": typ.pdf_url(nyckel),
        },
    )


# --- fastställ and reopen ---------------------------------------------------------------


class FaststallForm(forms.Form):
    beslutsdatum = forms.DateField(
        label=gettext_lazy("Fastställd av styrelsen"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Dagen för styrelsens beslut, ÅÅÅÅ-MM-DD."),
    )
    paragraf = forms.CharField(
        label=gettext_lazy("Paragraf"),
        max_length=40,
        help_text=gettext_lazy("Paragrafen i protokollet, t.ex. § 12."),
    )


class OppnaForm(forms.Form):
    anledning = forms.CharField(
        label=gettext_lazy("Varför öppnas rapporten igen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Sparas i rapportens historik, t.ex. 'Revisorerna påpekade ett fel i not 4'."
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def faststall_view(request, kod, nyckel):
    typ, forbund, rapport = _for_kansli(request, kod, nyckel)
    utgava = rapport.utgava
    if utgava.status == Rapportutgava.Status.FASTSTALLD:
        messages.info(request, _("%(rapport)s är redan fastställd.") % {"rapport": utgava})
        return redirect("finsam:rapportarkiv")
    if (pagar := arkivering.pagaende(forbund, typ, nyckel)) is not None:
        return redirect("finsam:pdfbestallning", pk=pagar.pk)
    if request.method == "POST":
        form = FaststallForm(request.POST)
        if form.is_valid():
            # What can be checked at once is; the adoption itself, which renders and
            # archives the PDF, is the worker's (utgava/arkivering.py).
            stopp = kontroller.blockerande(kontroller.varningar(typ, forbund, nyckel, rapport))
            if stopp:
                form.add_error(
                    None,
                    _(
                        "Rapporten kan inte fastställas ännu: %(antal)s sak(er) i listan nedan "
                        "måste åtgärdas först."
                    )
                    % {"antal": len(stopp)},
                )
            else:
                try:
                    bestallning = arkivering.bestall(
                        typ,
                        forbund,
                        nyckel,
                        beslutsdatum=form.cleaned_data["beslutsdatum"],
                        paragraf=form.cleaned_data["paragraf"],
                        user=request.user,
                    )
                except ValidationError as e:
                    add_validation_error(form, e)
                else:
                    return redirect("finsam:pdfbestallning", pk=bestallning.pk)
    else:
        form = FaststallForm(initial={"beslutsdatum": timezone.localdate()})
    varningar = kontroller.varningar_lagrade(typ, forbund, nyckel, rapport)
    return render(
        request,
        "rapporter/faststall.html",
        {
            "typ": typ,
            "nyckel": nyckel,
            "rubrik": typ.rubrik(nyckel),
            "form": form,
            "stopp": kontroller.blockerande(varningar),
            "varningar": [v for v in varningar if not v.blockerande],
            "underlag": _sammanfattat(faststall.underlag(typ, forbund, nyckel)),
            "visa_url": typ.visa_url(nyckel),
        },
    )


def _sammanfattat(objekt: list) -> list[str]:
    """What an adoption locks, for the page: each object by name, or a count of a kind with
    more than three (e.g. "200 målgruppsstatistik")."""
    per_slag: dict[type, list] = {}
    for o in objekt:
        per_slag.setdefault(type(o), []).append(o)
    ut = []
    for slag, lista in per_slag.items():
        if len(lista) > 3:
            ut.append(f"{len(lista)} {slag._meta.verbose_name_plural}")
        else:
            ut += [str(o) for o in lista]
    return ut


@require_http_methods(["GET", "POST"])
@login_required
def oppna_view(request, kod, nyckel):
    forbund = access.require_edit(request.user)
    typ = _typ(kod)
    utgava = get_object_or_404(
        Rapportutgava, forbund=forbund, dokument=typ.kod, nyckel=nyckel, status="faststalld"
    )
    if request.method == "POST":
        form = OppnaForm(request.POST)
        if form.is_valid():
            try:
                faststall.oppna(utgava, anledning=form.cleaned_data["anledning"], user=request.user)
            except ValidationError as e:
                add_validation_error(form, e)
            else:
                messages.success(
                    request,
                    _(
                        "%(rapport)s är öppnad igen. Uppgifterna kan ändras; de arkiverade "
                        "PDF:erna finns kvar oförändrade."
                    )
                    % {"rapport": typ.rubrik(nyckel)},
                )
                return redirect("finsam:rapporter")
    else:
        form = OppnaForm()
    return render(
        request,
        "rapporter/oppna.html",
        {
            "typ": typ,
            "nyckel": nyckel,
            "rubrik": typ.rubrik(nyckel),
            "form": form,
            "utgava": utgava,
        },
    )


# --- the archive ------------------------------------------------------------------------


@require_GET
@login_required
def arkiv(request):
    forbund = access.require_read(request.user)
    utgavor = (
        Rapportutgava.objects.filter(forbund=forbund, handelser__isnull=False)
        .distinct()
        .prefetch_related("arkiv__skapad_av", "handelser__anvandare")
        .order_by("-ar", "dokument", "-nyckel")
    )
    return render(request, "rapporter/arkiv.html", {"utgavor": utgavor})


@require_GET
@login_required
def arkiv_pdf(request, pk):
    forbund = access.forbund_for_user(request.user)
    arkivrad = get_object_or_404(
        Rapportarkiv.objects.select_related("utgava"), pk=pk, utgava__forbund=forbund
    )
    if not permissions.can_read_forbund(request.user, forbund):
        raise PermissionDenied
    try:
        data = faststall.verifierad_pdf(arkivrad)
    except (ValueError, FileNotFoundError) as e:
        return render(
            request, "rapporter/arkiv_fel.html", {"fel": str(e), "arkiv": arkivrad}, status=409
        )
    namn = arkivrad.pdf.name.rsplit("/", 1)[-1]
    return HttpResponse(
        data,
        content_type="application/pdf",
        headers={"Content-Disposition": content_disposition_header(True, namn)},
    )
