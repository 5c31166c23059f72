"""Board members and auditors (Förbundet → Styrelse och revisorer): kansli writes; styrelse
and revisor read. The reports take names and roles from here."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access, permissions
from finsam.concurrency import ConflictError, bump_locked, save_locked
from finsam.forms_base import LockedModelForm, LockVersionField
from finsam.models import Fortroendevald, Medlem


class FortroendevaldForm(LockedModelForm):
    class Meta:
        model = Fortroendevald
        fields = ["namn", "uppdrag", "medlem", "titel", "fran", "till", "ordning"]
        widgets = {
            "fran": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "till": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, forbund, **kwargs):
        super().__init__(*args, **kwargs)
        self.forbund = forbund
        self.fields["medlem"].queryset = Medlem.objects.filter(forbund=forbund)

    def clean(self):
        data = super().clean()
        fran, till, uppdrag = data.get("fran"), data.get("till"), data.get("uppdrag")
        if fran and till and till < fran:
            self.add_error("till", _("Sista dagen kan inte ligga före den första."))
        if uppdrag != Fortroendevald.Uppdrag.REVISOR and not data.get("medlem"):
            self.add_error("medlem", _("Ange vilken medlem som utsett ledamoten eller ersättaren."))
        if fran and uppdrag in (
            Fortroendevald.Uppdrag.ORDFORANDE,
            Fortroendevald.Uppdrag.VICE_ORDFORANDE,
        ):
            slut = till or date.max
            krock = (
                Fortroendevald.objects.filter(forbund=self.forbund, uppdrag=uppdrag, fran__lte=slut)
                .filter(Q(till__isnull=True) | Q(till__gte=fran))
                .exclude(pk=self.instance.pk)
                .first()
            )
            if krock is not None:
                self.add_error(
                    "fran",
                    _("%(namn)s är %(uppdrag)s under samma tid (från %(fran)s).")
                    % {
                        "namn": krock.namn,
                        "uppdrag": krock.get_uppdrag_display().lower(),
                        "fran": krock.fran.isoformat(),
                    },
                )
        return data


@require_GET
@login_required
def fortroendevald_list(request):
    forbund = access.require_read(request.user)
    idag = timezone.localdate()
    alla = list(
        Fortroendevald.objects.filter(forbund=forbund)
        .select_related("medlem")
        .order_by(F("medlem__ordning").asc(nulls_last=True), "ordning", "namn")
    )
    aktuella = [v for v in alla if v.aktiv_vid(idag) or v.fran > idag]
    tidigare = [v for v in alla if v not in aktuella]
    return render(
        request,
        "finsam/fortroendevald_list.html",
        {
            "ledamoter": [v for v in aktuella if v.uppdrag not in ("ersattare", "revisor")],
            "ersattare": [v for v in aktuella if v.uppdrag == "ersattare"],
            "revisorer": [v for v in aktuella if v.uppdrag == "revisor"],
            "tidigare": tidigare,
            "kan_andra": permissions.can_edit_forbund(request.user, forbund),
        },
    )


def _form_page(request, obj, forbund, rubrik):
    form = FortroendevaldForm(request.POST or None, instance=obj, forbund=forbund)
    if request.method == "POST" and form.is_valid():
        try:
            save_locked(form.save(commit=False), expected_version=form.loaded_version)
        except ConflictError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("%(namn)s är sparad.") % {"namn": obj.namn})
            return redirect("finsam:fortroendevald-list")
    return render(
        request,
        "finsam/form.html",
        {"form": form, "rubrik": rubrik, "avbryt_url": reverse("finsam:fortroendevald-list")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def fortroendevald_create(request):
    forbund = access.require_edit(request.user)
    obj = Fortroendevald(forbund=forbund, fran=timezone.localdate())
    return _form_page(request, obj, forbund, _("Ny ledamot, ersättare eller revisor"))


@require_http_methods(["GET", "POST"])
@login_required
def fortroendevald_edit(request, pk):
    forbund = access.require_edit(request.user)
    obj = access.get_for_forbund(Fortroendevald.objects.all(), request.user, pk=pk)
    return _form_page(request, obj, forbund, _("Ändra %(namn)s") % {"namn": obj.namn})


class TaBortForm(forms.Form):
    lock_version_loaded = LockVersionField()


@require_http_methods(["GET", "POST"])
@login_required
def fortroendevald_delete(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(Fortroendevald.objects.all(), request.user, pk=pk)
    form = TaBortForm(request.POST or None, initial={"lock_version_loaded": obj.lock_version})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                bump_locked(obj, expected_version=form.cleaned_data["lock_version_loaded"])
                obj.delete()
        except (ConflictError, ValidationError) as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("%(namn)s är borttagen.") % {"namn": obj.namn})
            return redirect("finsam:fortroendevald-list")
    return render(request, "finsam/fortroendevald_delete.html", {"form": form, "objekt": obj})
