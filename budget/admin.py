"""Admin for system administrators. The kansli works in the app's own pages, whose writes
go through `budget.services`; the admin is for repairs."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from budget.models import Budgetbelopp, Budgetgrupp, Budgetrad, Budgetversion


@admin.register(Budgetgrupp)
class BudgetgruppAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "forbund", "overordnad", "typ", "ordning", "stangd"]
    list_filter = ["forbund", "typ", "stangd"]
    list_select_related = ["forbund", "overordnad"]
    readonly_fields = ["lock_version"]


@admin.register(Budgetrad)
class BudgetradAdmin(SimpleHistoryAdmin):
    list_display = ["namn", "forbund", "grupp", "kategori", "insats", "ordning", "stangd"]
    list_filter = ["forbund", "kategori", "stangd"]
    list_select_related = ["forbund", "grupp", "insats"]
    search_fields = ["namn"]
    readonly_fields = ["lock_version"]


class BudgetbeloppInline(admin.TabularInline):
    model = Budgetbelopp
    extra = 0
    autocomplete_fields = ["rad"]


@admin.register(Budgetversion)
class BudgetversionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "forbund", "ar", "typ", "beslutsdatum", "paragraf"]
    list_filter = ["forbund", "typ", "ar"]
    list_select_related = ["forbund"]
    readonly_fields = ["lock_version"]
    inlines = [BudgetbeloppInline]
