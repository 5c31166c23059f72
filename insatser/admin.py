"""Admin for system administrators. The kansli works in the app's own pages, whose writes
go through `insatser.services`; the admin is for repairs."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from insatser.models import Bemanning, Beslut, Insats, Malomrade


@admin.register(Malomrade)
class MalomradeAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "forbund", "ordning"]
    list_filter = ["forbund"]
    readonly_fields = ["lock_version"]


class BemanningInline(admin.TabularInline):
    model = Bemanning
    extra = 0


class BeslutInline(admin.TabularInline):
    model = Beslut
    extra = 0


@admin.register(Insats)
class InsatsAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "forbund", "malomrade", "typ", "status", "startdatum", "slutdatum"]
    list_filter = ["forbund", "status", "typ"]
    list_select_related = ["forbund", "malomrade"]
    search_fields = ["namn", "slug"]
    prepopulated_fields = {"slug": ["namn"]}
    filter_horizontal = ["deltagande_medlemmar", "kommuner", "styrgrupp"]
    readonly_fields = ["lock_version"]
    inlines = [BemanningInline, BeslutInline]
