"""The pictures of an edition: kansli uploads and removes them (refused while the edition
is adopted); whoever may read the edition sees them (another förbund's user: 404).

    bild_ladda_upp(utgava, fil=..., slug=..., alt_text=..., user=...)   # ValidationError
    bild_ta_bort(bild, expected_version=v)                               # ValidationError

Texts show them as `![](bild:slug)` (finsam.markdown.markdown_avsnitt, looked up by
finsam.rapporter.utgava.texter.bildsok); a PDF embeds them through finsam.pdf's fetcher.
"""

from __future__ import annotations

import logging
from importlib import import_module

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access, rapportbilder
from finsam.concurrency import bump_locked
from finsam.forms_base import BaseForm, DeleteForm, html_text
from finsam.models import Rapportbild, Rapportutgava
from finsam.rapporter import RapportSaknas
from finsam.rapporter.dokument import dokumenttyp
from finsam.rapporter.utgava.texter import foregaende_utgava, utgava_for
from finsam.views_base import REFUSED, call_service

log = logging.getLogger(__name__)

# --- services ------------------------------------------------------------------------------


def _ej_faststalld(utgava) -> None:
    if utgava.status == Rapportutgava.Status.FASTSTALLD:
        raise ValidationError(
            _("%(utgava)s är fastställd. Öppna den igen för att ändra bilderna.")
            % {"utgava": utgava}
        )


@transaction.atomic
def bild_ladda_upp(utgava, *, fil, slug: str, alt_text: str, user=None) -> Rapportbild:
    """Store a picture in the edition (created if it is not stored yet). ValidationError
    for an adopted edition, a slug already used in it, or a file that is not an accepted
    picture (finsam.rapportbilder.granska)."""
    if utgava.pk is None:
        utgava = utgava_for(
            utgava.forbund, utgava.dokument, ar=utgava.ar, per=utgava.per, nyckel=utgava.nyckel
        )
    utgava = Rapportutgava.objects.select_for_update().get(pk=utgava.pk)
    _ej_faststalld(utgava)
    if Rapportbild.objects.filter(utgava=utgava, slug=slug).exists():
        raise ValidationError(
            {"slug": _("Det finns redan en bild med namnet %(slug)s i utgåvan.") % {"slug": slug}}
        )
    try:
        data, mime, andelse = rapportbilder.granska(fil)
    except ValidationError as e:
        raise ValidationError({"fil": e.messages}) from None
    bild = Rapportbild(
        utgava=utgava,
        slug=slug,
        alt_text=alt_text.strip(),
        mime=mime,
        storlek=len(data),
        uppladdad_av=user,
    )
    bild.fil.save(f"{slug}.{andelse}", ContentFile(data), save=False)
    namn, storage = bild.fil.name, bild.fil.storage
    # a row that is not stored after all leaves no file behind
    try:
        bild.full_clean()
        bild.save()
    except Exception:
        storage.delete(namn)
        raise
    return bild


@transaction.atomic
def bild_ta_bort(bild: Rapportbild, *, expected_version: int | None = None) -> None:
    """Remove a picture from its edition. `expected_version` is the edition's lock_version
    the user saw: a removal claims the edition (ConflictError when someone else changed it
    since, or when it is missing)."""
    utgava = Rapportutgava.objects.select_for_update().get(pk=bild.utgava_id)
    _ej_faststalld(utgava)
    bump_locked(utgava, expected_version=expected_version)
    namn, storage = bild.fil.name, bild.fil.storage
    bild.delete()
    transaction.on_commit(lambda: storage.delete(namn))


# --- pages ---------------------------------------------------------------------------------


class BildForm(BaseForm):
    submit_label = gettext_lazy("Ladda upp")

    fil = forms.FileField(
        label=gettext_lazy("Bild"),
        help_text=gettext_lazy("PNG, JPEG eller SVG, högst %(max)s MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,.svg"}),
    )
    slug = forms.SlugField(
        label=gettext_lazy("Namn i texten"),
        max_length=60,
        required=False,
        help_text=gettext_lazy(
            "Skrivs i texten som ![](bild:namnet). Lämna tomt så bildas det av filnamnet."
        ),
    )
    alt_text = forms.CharField(
        label=gettext_lazy("Alternativtext"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Vad bilden visar, för den som inte ser den (skärmläsare, tillgänglig PDF). "
            "Obligatorisk."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        storlek = rapportbilder.max_storlek() / (1024 * 1024)
        self.fields["fil"].help_text = self.fields["fil"].help_text % {
            "max": f"{storlek:g}".replace(".", ",")
        }

    def clean(self):
        data = super().clean()
        fil = data.get("fil")
        if not data.get("slug") and fil is not None:
            slug = slugify(fil.name.rsplit(".", 1)[0])[:60]
            if not slug:
                self.add_error(
                    "slug", _("Ge bilden ett namn: små bokstäver, siffror, bindestreck.")
                )
            data["slug"] = slug
        return data


def _utgava_for_kansli(request, kod, nyckel):
    """(typ, forbund, utgava) for kansli: 403 for readers, 404 for other förbund's users
    and an edition whose report cannot be built (like the text editor). The edition may
    be an unsaved draft."""
    forbund = access.require_edit(request.user)
    try:
        typ = dokumenttyp(kod)
        rapport = typ.bygg_arbete(forbund, nyckel)
    except (KeyError, RapportSaknas, ValueError):
        raise Http404 from None
    return typ, forbund, rapport.utgava


@require_http_methods(["GET", "POST"])
@login_required
def bilder(request, kod, nyckel):
    typ, forbund, utgava = _utgava_for_kansli(request, kod, nyckel)
    faststalld = utgava.status == Rapportutgava.Status.FASTSTALLD
    post = request.method == "POST"
    form = BildForm(request.POST if post else None, request.FILES if post else None)
    if post and form.is_valid():
        bild = call_service(
            form,
            lambda: bild_ladda_upp(
                utgava,
                fil=form.cleaned_data["fil"],
                slug=form.cleaned_data["slug"],
                alt_text=form.cleaned_data["alt_text"],
                user=request.user,
            ),
        )
        if bild is not REFUSED:
            messages.success(
                request,
                _("Bilden är uppladdad. Skriv ![](bild:%(slug)s) i texten där den ska stå.")
                % {"slug": bild.slug},
            )
            return redirect("finsam:rapport-bilder", kod=kod, nyckel=nyckel)
    return render(
        request,
        "rapporter/bilder.html",
        {
            "typ": typ,
            "nyckel": nyckel,
            "rubrik": typ.rubrik(nyckel),
            "utgava": utgava,
            "faststalld": faststalld,
            "form": form,
            "bilder": utgava.bilder.all() if utgava.pk else [],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def bild_ta_bort_view(request, kod, nyckel, pk):
    typ, forbund, utgava = _utgava_for_kansli(request, kod, nyckel)
    if utgava.pk is None:
        raise Http404
    bild = get_object_or_404(Rapportbild, pk=pk, utgava=utgava)
    form = DeleteForm(
        request.POST if request.method == "POST" else None,
        initial={"lock_version_loaded": utgava.lock_version},
    )
    form.helper.inputs.clear()
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            lambda: bild_ta_bort(bild, expected_version=form.cleaned_data["lock_version_loaded"]),
        )
        is not REFUSED
    ):
        messages.success(request, _("Bilden %(slug)s är borttagen.") % {"slug": bild.slug})
        return redirect("finsam:rapport-bilder", kod=kod, nyckel=nyckel)
    return render(
        request,
        "rapporter/bild_ta_bort.html",
        {
            "form": form,
            "bild": bild,
            "rubrik": typ.rubrik(nyckel),
            "avbryt_url": reverse("finsam:rapport-bilder", args=[kod, nyckel]),
        },
    )


@require_GET
@login_required
def bild(request, pk):
    """The picture's file, for those who may read its edition; 404 for everyone else."""
    forbund = access.forbund_for_user(request.user)
    bild = get_object_or_404(
        Rapportbild.objects.select_related("utgava"), pk=pk, utgava__forbund=forbund
    )
    try:
        typ = dokumenttyp(bild.utgava.dokument)
    except KeyError:
        raise Http404 from None
    if not typ.far_lasa(request.user, forbund, bild.utgava.nyckel):
        raise Http404
    try:
        with bild.fil.open("rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise Http404 from None
    svar = HttpResponse(data, content_type=bild.mime)
    svar["X-Content-Type-Options"] = "nosniff"
    svar["Cache-Control"] = "private, max-age=3600"
    if bild.mime == rapportbilder.MIME["SVG"]:
        svar["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return svar


# --- what the text editor shows about pictures and figures ---------------------------------


def editorkontext(typ, forbund, nyckel: str, rapport) -> dict:
    """For the text editor (rapporter/texter.html): the pictures its texts can show
    ([Rapportbild], the edition's and the previous edition's not shadowed by them) and the
    named figures grouped for the picker ([(grupp, [Figur])])."""
    utgava = rapport.utgava
    foregaende = foregaende_utgava(utgava) if utgava.ar else None
    utgavor = [u.pk for u in (utgava, foregaende) if u is not None and u.pk]
    bilder: dict[str, Rapportbild] = {}
    for b in Rapportbild.objects.filter(utgava_id__in=utgavor).order_by("slug"):
        if b.slug not in bilder or b.utgava_id == utgava.pk:
            bilder[b.slug] = b
    grupper = figurgrupper(typ, forbund, nyckel, rapport)
    return {
        "bilder": list(bilder.values()),
        "figurgrupper": grupper,
        "figurval": figurval_html(grupper),
    }


def figurval_html(grupper: list[tuple[str, list]]) -> SafeString:
    """The picker's option groups, exactly as the loop in rapporter/_texthjalp.html wrote
    them (kept as the reference in tests/finsam/rapporter/utgava/test_figurval_html.py):
    written in Python, as at national scale the picker has some 400 figures of four values
    each, most of the text editor's rendering."""
    ut = []
    for grupp, figurer in grupper:
        ut.append(f'<optgroup label="{html_text(grupp)}">\n        ')
        for f in figurer:
            namn = html_text(f.namn)
            ut.append(
                f'<option value="{namn}">{html_text(f.etikett)}: {html_text(f.text)} – {namn}'
                "</option>\n        "
            )
        ut.append("</optgroup>\n      ")
    return mark_safe("".join(ut))  # noqa: S308  (every value is escaped)


def figurgrupper(typ, forbund, nyckel: str, rapport) -> list[tuple[str, list]]:
    """The edition's named figures (finsam.rapporter.utgava.figurer.figurer) grouped for
    the picker, in the registry's order; [] when the registry is missing or fails."""
    try:
        modul = import_module("finsam.rapporter.utgava.figurer")
    except ImportError:
        return []
    try:
        alla = modul.figurer(typ, forbund, nyckel, rapport)
    except Exception:  # noqa: BLE001  (the editor works without the picker)
        log.exception("Figurerna för väljaren kunde inte hämtas (%s %s)", typ.kod, nyckel)
        return []
    grupper: dict[str, list] = {}
    for figur in alla.values():
        grupper.setdefault(str(getattr(figur, "grupp", "") or _("Övrigt")), []).append(figur)
    return list(grupper.items())
