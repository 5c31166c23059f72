"""Forms for insatser, their bemanning and beslut, and the målområden.

Every choice (members, målområden, styrgrupp users) is limited to the user's förbund;
the services check the same again before saving.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import IntegerField, Max, Value
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from finsam.forms_base import (
    IdModelMultipleChoiceField,
    LockedModelForm,
)
from finsam.models import Medlem, User
from insatser.models import MAX_BESLUTSAR, Bemanning, Beslut, Insats, Malomrade


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ListIterator(ModelChoiceIterator):
    """A model select's choices read by one ordinary query, kept for the form: the field's
    `objekt` if set (rows already read, shared by several fields), else its queryset.
    (Django's own reads through `iterator()`, on PostgreSQL a server-side cursor: three
    round trips per select.)"""

    def _objekt(self):
        objekt = getattr(self.field, "objekt", None)
        return self.queryset if objekt is None else objekt

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._objekt():
            yield self.choice(obj)

    def __len__(self):
        return len(self._objekt()) + (self.field.empty_label is not None)


def val_ur(field, queryset, objekt=None) -> None:
    """Set a model select's choices: `queryset` (which validates what is posted), read
    once; or `objekt`, rows of it already read (one query for several selects)."""
    field.iterator = ListIterator
    field.objekt = objekt
    field.queryset = queryset


class MedlemChoiceMixin:
    """Members shown by their full name, e.g. 'Arbetsförmedlingen' rather than 'Af': a
    choice must be understood without knowing the förbund's abbreviations."""

    @staticmethod
    def label_from_instance(obj):
        return obj.namn


class MedlemChoiceField(MedlemChoiceMixin, forms.ModelChoiceField):
    pass


class MedlemMultipleChoiceField(MedlemChoiceMixin, IdModelMultipleChoiceField):
    pass


class InsatsForm(LockedModelForm):
    class Meta:
        model = Insats
        fields = [
            "namn",
            "slug",
            "typ",
            "malomrade",
            "status",
            "startdatum",
            "slutdatum",
            "agare",
            "deltagande_medlemmar",
            "kommuner",
            "malgrupp",
            "insatsinriktning",
            "inriktning_individ",
            "inriktning_struktur",
            "nationell_malgrupp",
            "beskrivning",
            "styrgrupp",
            "ordning",
        ]
        field_classes = {
            "agare": MedlemChoiceField,
            "deltagande_medlemmar": MedlemMultipleChoiceField,
            "kommuner": MedlemMultipleChoiceField,
            "styrgrupp": IdModelMultipleChoiceField,
        }
        widgets = {
            "startdatum": DateInput,
            "slutdatum": DateInput,
            "deltagande_medlemmar": forms.CheckboxSelectMultiple,
            "kommuner": forms.CheckboxSelectMultiple,
            "styrgrupp": forms.CheckboxSelectMultiple,
            "malgrupp": forms.Textarea(attrs={"rows": 3}),
            "beskrivning": forms.Textarea(attrs={"rows": 8}),
        }

    #: Set on create from the name and the förbund's other insatser; editable afterwards.
    AUTOMATISKA = ("slug", "ordning")

    def __init__(self, *args, forbund, **kwargs):
        self.forbund = forbund
        # The members and the steering-group users are read once, when a select is shown:
        # the three selects of members share one read, and an insats's own members and
        # users (the form's current values) are found among them.
        medlemmar = Medlem.objects.filter(forbund=forbund)
        alla = _Urval(medlemmar)
        styrgrupp = User.objects.filter(forbund=forbund, roll=User.Roll.STYRGRUPP).order_by(
            "first_name", "last_name", "username"
        )
        anvandare = _Urval(styrgrupp)
        instance = kwargs.get("instance")
        if instance is not None and instance.pk is not None and not (args and args[0]):
            _valda_ur(instance, alla, anvandare)
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund
        if self.instance.pk is None:
            for namn in self.AUTOMATISKA:
                del self.fields[namn]
        val_ur(self.fields["malomrade"], forbund.malomraden.all())
        val_ur(self.fields["agare"], medlemmar, alla)
        val_ur(self.fields["deltagande_medlemmar"], medlemmar, alla)
        val_ur(
            self.fields["kommuner"],
            medlemmar.filter(typ=Medlem.Typ.KOMMUN),
            _Urval(alla, lambda m: m.typ == Medlem.Typ.KOMMUN),
        )
        val_ur(self.fields["styrgrupp"], styrgrupp, anvandare)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        qs = Insats.objects.filter(forbund=self.forbund, slug=slug)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            raise forms.ValidationError(_("Förbundet har redan en insats med det kortnamnet."))
        return slug

    def clean(self):
        cleaned = super().clean()
        start, slut = cleaned.get("startdatum"), cleaned.get("slutdatum")
        if start and slut and slut < start:
            self.add_error("slutdatum", _("Slutdatum kan inte vara före startdatum."))
        if self.instance.pk is None and cleaned.get("namn"):
            self.instance.slug = unikt_kortnamn(self.forbund, cleaned["namn"])
            senaste = Insats.objects.filter(forbund=self.forbund).aggregate(m=Max("ordning"))
            self.instance.ordning = (senaste["m"] or 0) + 1
        return cleaned


class _Urval:
    """The rows of `rader` (a queryset, or another _Urval) that pass `villkor`, read at
    the first use and kept."""

    def __init__(self, rader, villkor=None):
        self.rader, self.villkor = rader, villkor
        self._lista = None

    def lista(self) -> list:
        if self._lista is None:
            rader = self.rader.lista() if isinstance(self.rader, _Urval) else list(self.rader)
            self._lista = [r for r in rader if self.villkor is None or self.villkor(r)]
        return self._lista

    def __iter__(self):
        return iter(self.lista())

    def __len__(self):
        return len(self.lista())


def _valda_ur(insats: Insats, medlemmar: _Urval, anvandare: _Urval) -> None:
    """The insats's kommuner, deltagande medlemmar and steering group (the form's
    current values) in one query, as prefetched rows taken from the selects' rows; a
    relation with a row outside them (e.g. a user whose role has changed) is left to
    Django's own query."""
    through = {
        "kommuner": (Insats.kommuner.through, "medlem_id", medlemmar),
        "deltagande_medlemmar": (Insats.deltagande_medlemmar.through, "medlem_id", medlemmar),
        "styrgrupp": (Insats.styrgrupp.through, "user_id", anvandare),
    }
    fragor = [
        modell.objects.filter(insats_id=insats.pk)
        .annotate(falt=Value(i, output_field=IntegerField()))
        .values_list("falt", kolumn)
        .order_by()
        for i, (modell, kolumn, _rader) in enumerate(through.values())
    ]
    valda: dict[int, list[int]] = {i: [] for i in range(len(fragor))}
    for i, pk in fragor[0].union(*fragor[1:], all=True):
        valda[i].append(pk)
    cache = insats.__dict__.setdefault("_prefetched_objects_cache", {})
    for i, (namn, (_modell, _kolumn, rader)) in enumerate(through.items()):
        per_pk = {r.pk: r for r in rader}
        if all(pk in per_pk for pk in valda[i]):
            qs = getattr(insats, namn).all()
            qs._result_cache = [per_pk[pk] for pk in valda[i]]
            qs._prefetch_done = True
            cache[namn] = qs


def unikt_kortnamn(forbund, namn: str) -> str:
    """The name as a slug ("Samordningsteam Västerås" → "samordningsteam-vasteras"),
    with -2, -3 … when the förbund already has it."""
    max_langd = Insats._meta.get_field("slug").max_length
    bas = slugify(namn)[: max_langd - 4].strip("-") or "insats"
    tagna = set(
        Insats.objects.filter(forbund=forbund, slug__startswith=bas).values_list("slug", flat=True)
    )
    kortnamn, n = bas, 1
    while kortnamn in tagna:
        n += 1
        kortnamn = f"{bas}-{n}"
    return kortnamn


class BemanningForm(LockedModelForm):
    class Meta:
        model = Bemanning
        fields = [
            "roll",
            "arsarbetare",
            "arbetsgivare",
            "finansierat_av_forbundet",
            "anmarkning",
            "ordning",
        ]
        field_classes = {"arbetsgivare": MedlemChoiceField}
        # Swedish decimals: "0,4" as well as "0.4".
        localized_fields = ["arsarbetare", "finansierat_av_forbundet"]
        widgets = {
            "arsarbetare": forms.TextInput(attrs={"inputmode": "decimal"}),
            "finansierat_av_forbundet": forms.TextInput(attrs={"inputmode": "decimal"}),
        }

    def __init__(self, *args, insats, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.insats = insats
        self.fields["arbetsgivare"].queryset = Medlem.objects.filter(forbund=insats.forbund_id)

    def clean(self):
        cleaned = super().clean()
        hela, forbundet = cleaned.get("arsarbetare"), cleaned.get("finansierat_av_forbundet")
        if hela is not None and forbundet is not None and forbundet > hela:
            self.add_error(
                "finansierat_av_forbundet",
                _("Förbundet kan inte finansiera mer än hela tjänstgöringsgraden."),
            )
        return cleaned


#: The largest amount a form accepts (a typo guard far above any förbund's budget).
MAX_KRONOR = 10**12


class BeslutForm(LockedModelForm):
    """A decision with one amount field per year of its range (`belopp_<år>`).

    The fields follow the years posted (or stored, or this year for a new decision): a
    user who changes the years gets the form back with a field for each new year and
    everything typed kept."""

    class Meta:
        model = Beslut
        fields = ["datum", "paragraf", "forsta_ar", "sista_ar", "anteckning"]
        widgets = {"datum": DateInput}

    def __init__(self, *args, insats, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.insats = insats
        for name in ("forsta_ar", "sista_ar"):
            self.fields[name].validators += [MinValueValidator(2000), MaxValueValidator(2100)]
            self.fields[name].widget.attrs.update(min=2000, max=2100)
        self.fields["sista_ar"].help_text = _(
            "Ett beslut kan gälla högst %(antal)s år. Ändrar du åren visas ett beloppsfält "
            "för varje år när du sparar."
        ) % {"antal": MAX_BESLUTSAR}
        if not self.is_bound and self.instance.pk is None:
            ar = timezone.localdate().year
            for name in ("forsta_ar", "sista_ar"):
                self.initial[name] = self.initial.get(name) or ar
        sparade = self.instance.belopp_per_ar if self.instance.pk else {}
        self.beslutsar = self._ar_att_visa()
        for ar in self.beslutsar:
            self.fields[f"belopp_{ar}"] = forms.IntegerField(
                label=_("Beviljat belopp för %(ar)s (kr)") % {"ar": ar},
                min_value=0,
                max_value=MAX_KRONOR,
                initial=sparade.get(ar),
                help_text=_("Hela kronor."),
                error_messages={
                    "required": _("Ange beloppet för %(ar)s (0 om inget).") % {"ar": ar},
                    "min_value": _("Ett beslutat belopp kan inte vara negativt."),
                    "max_value": _("Beloppet är orimligt stort."),
                    "invalid": _("Ange ett belopp i hela kronor."),
                },
            )
        ordning = ["datum", "paragraf", "forsta_ar", "sista_ar"]
        self.order_fields(ordning + [f"belopp_{ar}" for ar in self.beslutsar])

    def _ar(self, name):
        """A year from the posted data (or the stored/initial value), None if not one."""
        if self.is_bound:
            value = self.data.get(self.add_prefix(name))
        else:
            value = self.initial.get(name, getattr(self.instance, name, None))
        try:
            ar = int(str(value).strip())
        except (TypeError, ValueError):
            return None
        return ar if 2000 <= ar <= 2100 else None

    def _ar_att_visa(self) -> list[int]:
        forsta, sista = self._ar("forsta_ar"), self._ar("sista_ar")
        if forsta is not None and sista is not None and 0 <= sista - forsta < MAX_BESLUTSAR:
            return list(range(forsta, sista + 1))
        return self.instance.ar_lista if self.instance.pk else []

    def clean(self):
        cleaned = super().clean()
        forsta, sista = cleaned.get("forsta_ar"), cleaned.get("sista_ar")
        if forsta is not None and sista is not None:
            if sista < forsta:
                self.add_error("sista_ar", _("Sista året kan inte vara före första året."))
            elif sista - forsta >= MAX_BESLUTSAR:
                self.add_error(
                    "sista_ar",
                    _("Ett beslut kan gälla högst %(antal)s år.") % {"antal": MAX_BESLUTSAR},
                )
            elif list(range(forsta, sista + 1)) != self.beslutsar:
                self.add_error(None, _("Ange ett belopp för varje år som beslutet gäller."))
        return cleaned

    @property
    def belopp_per_ar(self) -> dict[int, int]:
        """{år: kronor} as typed, for the service."""
        return {ar: self.cleaned_data[f"belopp_{ar}"] for ar in self.beslutsar}


class MalomradeForm(LockedModelForm):
    class Meta:
        model = Malomrade
        fields = ["namn", "beskrivning", "ordning"]
        widgets = {"beskrivning": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, forbund, **kwargs):
        self.forbund = forbund
        super().__init__(*args, **kwargs)
        self.instance.forbund = forbund

    def clean_namn(self):
        namn = self.cleaned_data["namn"]
        qs = Malomrade.objects.filter(forbund=self.forbund, namn__iexact=namn)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            raise forms.ValidationError(_("Förbundet har redan ett målområde med det namnet."))
        return namn
