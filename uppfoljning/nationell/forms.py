"""The budgeted participants of a year, one field per insats."""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from finsam import forms_base
from finsam.forms_base import BaseForm
from insatser.models import Insats
from uppfoljning.models import BudgeteradeDeltagare

MAX_ANTAL = 100_000


class BudgeteradeDeltagareForm(BaseForm):
    """One field per insats named antal-<insats id>; an empty field removes a stored value.
    `lock_version` is the fingerprint of the year's rows when the page was loaded."""

    lock_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, insatser: list[Insats], **kwargs):
        super().__init__(*args, **kwargs)
        self.insatser = insatser
        for insats in insatser:
            del_text = (
                insats.get_insatsinriktning_display()
                if insats.insatsinriktning
                else _("inriktning i Uppföljning Finsam ej angiven")
            )
            self.fields[f"antal-{insats.pk}"] = forms.IntegerField(
                label=insats.namn,
                required=False,
                widget=forms_base.NumberInput,
                min_value=0,
                max_value=MAX_ANTAL,
                error_messages={
                    "invalid": _("Ange ett heltal."),
                    "min_value": _("Antalet kan inte vara negativt."),
                    "max_value": _("Antalet kan vara högst 100 000."),
                },
                help_text=_(
                    "%(inriktning)s. Lämna tomt om insatsen inte har något budgeterat antal."
                )
                % {"inriktning": del_text},
            )

    @staticmethod
    def initial_for(rader: list[BudgeteradeDeltagare], version: str) -> dict:
        initial = {"lock_version": version}
        for r in rader:
            initial[f"antal-{r.insats_id}"] = r.antal
        return initial

    @property
    def antal(self) -> dict[int, int | None]:
        return {i.pk: self.cleaned_data.get(f"antal-{i.pk}") for i in self.insatser}

    def falt_html(self) -> SafeString:
        """The insatser's fields as crispy-forms' bootstrap5 field template draws them
        (label, input, errors, help text), written here: thirty fields through crispy's
        template were most of the page's time. tests/uppfoljning/nationell holds the two
        equal (but for whitespace between tags)."""
        ut = []
        for insats in self.insatser:
            bf = self[f"antal-{insats.pk}"]
            fel = bf.errors
            css = "numberinput form-control is-invalid" if fel else "numberinput form-control"
            attrs = {"class": css}
            if fel:
                attrs["aria-invalid"] = "true"
            auto_id = bf.auto_id
            ut.append(
                format_html(
                    '<div id="div_{}" class="mb-3"> <label for="{}" class="form-label">{}'
                    "</label> {}",
                    auto_id,
                    bf.id_for_label,
                    bf.label,
                    bf.as_widget(attrs=attrs),
                )
            )
            if fel:
                ut.append(format_html(' <div id="{}_error" class="invalid-feedback">', auto_id))
                for nr, e in enumerate(fel, start=1):
                    ut.append(
                        format_html(
                            ' <span id="error_{}_{}"><strong>{}</strong></span>', nr, auto_id, e
                        )
                    )
                ut.append(" </div>")
            if bf.help_text:
                ut.append(
                    format_html(
                        ' <div id="{}_helptext" class="form-text">{}</div>',
                        auto_id,
                        mark_safe(conditional_escape(bf.help_text)),
                    )
                )
            ut.append(" </div> ")
        return mark_safe("".join(ut))  # noqa: S308  (every value escaped above)
