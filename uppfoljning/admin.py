"""Admin for system administrators. The kansli and styrgrupper work in the app's own pages,
whose writes go through `uppfoljning.deltagarrapport.services`; the admin is for
repairs. The workflow log is read-only here: status changes belong to the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from uppfoljning.models import (
    Deltagarrapport,
    Enkatsvar,
    Matt,
    Rapporthandelse,
    Rapportperiod,
    Rapportvarde,
)


@admin.register(Matt)
class MattAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "kod", "grupp", "forbund", "per_kon", "slag", "regel", "aktiv"]
    list_filter = ["forbund", "grupp", "aktiv"]
    readonly_fields = ["lock_version"]


@admin.register(Rapportperiod)
class RapportperiodAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "forbund", "sista_dag", "oppnad", "paminnelse_skickad"]
    list_filter = ["forbund", "ar"]
    filter_horizontal = ["insatser"]
    readonly_fields = ["lock_version"]


class RapportvardeInline(admin.TabularInline):
    model = Rapportvarde
    extra = 0


class EnkatsvarInline(admin.TabularInline):
    model = Enkatsvar
    extra = 0


class RapporthandelseInline(admin.TabularInline):
    model = Rapporthandelse
    extra = 0
    readonly_fields = ["handelse", "anvandare", "tid", "kommentar"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Deltagarrapport)
class DeltagarrapportAdmin(SimpleHistoryAdmin):
    list_display = ["insats", "period", "status"]
    list_filter = ["period__forbund", "period", "status"]
    readonly_fields = ["status", "lock_version"]
    inlines = [RapportvardeInline, EnkatsvarInline, RapporthandelseInline]
