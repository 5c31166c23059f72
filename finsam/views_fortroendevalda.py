"""Board members and auditors (Förbundet → Styrelse och revisorer): kansli writes; styrelse
and revisor read. The reports take names and roles from here."""

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from finsam import access, permissions
from finsam.concurrency import bump_locked, save_locked
from finsam.forms_base import LockedModelForm
from finsam.models import Fortroendevald, Medlem
from finsam.views_base import delete_page, form_page


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


def _save(form):
    return save_locked(form.save(commit=False), expected_version=form.loaded_version)


def _fortroendevald_page(request, obj, forbund, rubrik):
    form = FortroendevaldForm(request.POST or None, instance=obj, forbund=forbund)
    return form_page(
        request,
        form,
        template="finsam/form.html",
        save=_save,
        sparad=lambda sparad: _("%(namn)s är sparad.") % {"namn": sparad.namn},
        done_url=reverse("finsam:fortroendevald-list"),
        rubrik=rubrik,
        avbryt_url=reverse("finsam:fortroendevald-list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def fortroendevald_create(request):
    forbund = access.require_edit(request.user)
    obj = Fortroendevald(forbund=forbund, fran=timezone.localdate())
    return _fortroendevald_page(request, obj, forbund, _("Ny ledamot, ersättare eller revisor"))


@require_http_methods(["GET", "POST"])
@login_required
def fortroendevald_edit(request, pk):
    forbund = access.require_edit(request.user)
    obj = access.get_for_forbund(Fortroendevald.objects.all(), request.user, pk=pk)
    return _fortroendevald_page(request, obj, forbund, _("Ändra %(namn)s") % {"namn": obj.namn})


@transaction.atomic
def _delete(obj, version):
    bump_locked(obj, expected_version=version)
    obj.delete()


@require_http_methods(["GET", "POST"])
@login_required
def fortroendevald_delete(request, pk):
    access.require_edit(request.user)
    obj = access.get_for_forbund(Fortroendevald.objects.all(), request.user, pk=pk)
    return delete_page(
        request,
        obj,
        delete=lambda version: _delete(obj, version),
        borttagen=_("%(namn)s är borttagen.") % {"namn": obj.namn},
        done_url=reverse("finsam:fortroendevald-list"),
        template="finsam/fortroendevald_delete.html",
    )
