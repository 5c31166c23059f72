from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from finsam.models import Befolkning, Forbund, Medlem, User


@admin.register(Forbund)
class ForbundAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "slug", "organisationsnummer", "aktiv"]
    list_filter = ["aktiv"]
    prepopulated_fields = {"slug": ["namn"]}
    readonly_fields = ["lock_version"]


class BefolkningInline(admin.TabularInline):
    model = Befolkning
    extra = 0


@admin.register(Medlem)
class MedlemAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "typ", "forbund", "ordning"]
    list_filter = ["forbund", "typ"]
    inlines = [BefolkningInline]
    readonly_fields = ["lock_version"]


@admin.register(User)
class FinsamUserAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "forbund",
        "roll",
        "systemadministrator",
        "is_active",
    ]
    list_filter = ["forbund", "roll", "systemadministrator", "is_active"]
    fieldsets = UserAdmin.fieldsets + (
        ("FINSAM", {"fields": ("forbund", "roll", "systemadministrator")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("FINSAM", {"fields": ("forbund", "roll", "systemadministrator")}),
    )
