"""URLs of the budget cycle (compare versions, start next year, the Excel export), included
in the `budget` namespace."""

from django.urls import path

from budget.cykel import views

urlpatterns = [
    path("versioner/jamfor/", views.version_compare, name="version-compare"),
    path("nasta-ar/", views.start_next_year, name="start-next-year"),
    path("xlsx/", views.budget_xlsx, name="budget-xlsx"),
]
