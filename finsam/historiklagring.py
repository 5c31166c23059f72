"""The change history's storage: every history row knows its förbund.

Every domain model declares `history = Historik()` instead of simple-history's
`HistoricalRecords()`. The history model then gets

- an index on `(id, history_date)`, for "the previous version of this object", and
- an index on `(forbund, history_date)`, for "the newest changes of a förbund";
- a `forbund` column of its own when the model has no `forbund` field (Bemanning,
  Budgetbelopp, Rapportvarde, ...). It is filled on every write from the path to the
  förbund (`forbund_vag`), so the förbund-wide history is one indexed read per model, and
  a removed parent does not hide its children's history.

This module is imported by the models modules: it must not import any model.
"""

from __future__ import annotations

import contextvars
import hashlib
from contextlib import contextmanager
from functools import cache

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords, registered_models
from simple_history.signals import pre_create_historical_record

FORBUND_LABEL = "finsam.Forbund"


class ForbundPaHistorik(models.Model):
    """The förbund a history row belongs to, for models that do not store it themselves."""

    forbund = models.ForeignKey(
        "finsam.Forbund",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("förbund"),
        db_index=False,  # the (forbund, history_date) index serves it
    )

    class Meta:
        abstract = True


def _har_forbund_falt(model) -> bool:
    return any(f.name == "forbund" and f.many_to_one for f in model._meta.fields)


def _index_namn(model, suffix: str) -> str:
    tag = hashlib.md5(model._meta.db_table.encode(), usedforsecurity=False).hexdigest()[:10]
    return f"hist_{tag}_{suffix}"


class Historik(HistoricalRecords):
    """HistoricalRecords whose rows carry the förbund, with the indexes the history reads.

    `foralder`: a foreign key whose page lists this model's history with its parent's
    (the insats page lists bemanning, beslut and rekvisitioner): indexed with the date.
    The indexes end in history_id, the lists' tie-break, so PostgreSQL reads a page of
    the newest rows straight from the indexes of all tables (a merge, no sort).
    """

    def __init__(self, *args, foralder: str | None = None, **kwargs):
        self.foralder = foralder
        super().__init__(*args, **kwargs)

    def create_history_model(self, model, inherited):
        if model._meta.label != FORBUND_LABEL and not _har_forbund_falt(model):
            self.bases = tuple(b for b in self.bases if b is not models.Model) + (
                ForbundPaHistorik,
            )
        return super().create_history_model(model, inherited)

    def get_meta_options(self, model):
        meta = super().get_meta_options(model)
        indexes = list(meta.get("indexes", ()))
        pk = model._meta.pk.attname
        tid = ["history_date", "history_id"]
        indexes.append(models.Index(fields=[pk, *tid], name=_index_namn(model, "id")))
        if model._meta.label != FORBUND_LABEL:
            indexes.append(models.Index(fields=["forbund", *tid], name=_index_namn(model, "fb")))
        if self.foralder:
            namn = _index_namn(model, "pa")
            indexes.append(models.Index(fields=[self.foralder, *tid], name=namn))
        meta["indexes"] = tuple(indexes)
        return meta


@cache
def forbund_vag(model) -> tuple[str, ...] | None:
    """The foreign keys from `model` to its förbund, ending in "forbund"; () for the
    förbund itself; None if the model has no förbund. Prefers required keys."""
    if model._meta.label == FORBUND_LABEL:
        return ()
    if _har_forbund_falt(model):
        return ("forbund",)
    return _vag_via(model, djup=0)


def _vag_via(model, djup):
    if djup > 4:
        return None
    fks = [f for f in model._meta.fields if f.many_to_one and f.related_model is not model]
    for f in sorted(fks, key=lambda f: f.null):
        target = f.related_model
        if target._meta.label == FORBUND_LABEL:
            return (f.name,)
        if _har_forbund_falt(target):
            return (f.name, "forbund")
        rest = _vag_via(target, djup + 1)
        if rest is not None:
            return (f.name, *rest)
    return None


def forbund_id_for(instance) -> int | None:
    """The id of the förbund `instance` belongs to (follows its foreign keys)."""
    vag = forbund_vag(type(instance))
    if vag is None:
        return None
    if not vag:
        return instance.pk
    obj = instance
    try:
        for namn in vag[:-1]:
            obj = getattr(obj, namn)
            if obj is None:
                return None
    except ObjectDoesNotExist:
        return None
    return getattr(obj, obj._meta.get_field(vag[-1]).attname)


@receiver(pre_create_historical_record)
def _satt_forbund(sender, instance, history_instance, **kwargs):
    if isinstance(history_instance, ForbundPaHistorik) and history_instance.forbund_id is None:
        history_instance.forbund_id = forbund_id_for(instance)


#: simple-history's history_change_reason holds 100 characters.
MAX_ORSAK = 100

_orsak: contextvars.ContextVar[str | None] = contextvars.ContextVar("historik_orsak", default=None)


@receiver(pre_create_historical_record, dispatch_uid="finsam.historik_orsak")
def _satt_orsak(sender, history_instance, **kwargs):
    orsak = _orsak.get()
    if orsak and not getattr(history_instance, "history_change_reason", None):
        history_instance.history_change_reason = orsak[:MAX_ORSAK]


@contextmanager
def historik_orsak(text: str):
    """Every history row written inside the block gets `text` as its reason (e.g. "Import
    från SIE-fil …"), unless the save gave one of its own."""
    token = _orsak.set(text)
    try:
        yield
    finally:
        _orsak.reset(token)


def historiska_modeller() -> list:
    """Every model with a change history, from simple-history's own registry (not a hand
    list: a new model with `history = Historik()` or `HistoricalRecords()` is found)."""
    modeller = {
        m
        for m in registered_models.values()
        if hasattr(m._meta, "simple_history_manager_attribute")
    }
    return sorted(modeller, key=lambda m: m._meta.label)


def fyll_forbund(apps, steg):
    """Backfill `forbund` on history rows written before the column existed (migrations).

    `steg`: (app_label, model name, foreign key, parent app_label, parent model name) in
    an order where a parent's history is filled before its children's. The förbund is
    taken from any version of the parent's history (it never changes), else from the
    parent itself. One UPDATE per model. Keep this function stable: migrations call it.
    """
    for app_label, namn, fk, parent_app, parent_namn in steg:
        hist = apps.get_model(app_label, f"Historical{namn}")
        parent_hist = apps.get_model(parent_app, f"Historical{parent_namn}")
        parent = apps.get_model(parent_app, parent_namn)
        fran_historik = Subquery(
            parent_hist.objects.filter(id=OuterRef(f"{fk}_id"), forbund_id__isnull=False)
            .order_by()
            .values("forbund_id")[:1]
        )
        if any(f.name == "forbund" for f in parent._meta.fields):
            fran_parent = Subquery(
                parent.objects.filter(pk=OuterRef(f"{fk}_id")).order_by().values("forbund_id")[:1]
            )
            varde = Coalesce(fran_historik, fran_parent)
        else:
            varde = fran_historik
        hist.objects.filter(forbund_id__isnull=True).update(forbund_id=varde)
