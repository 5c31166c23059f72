"""URLs of the national follow-up's participant figures, in the `uppfoljning` namespace."""

from django.urls import path

from uppfoljning.nationell import views

urlpatterns = [
    path(
        "uppfoljning-finsam/<int:ar>/budgeterade-deltagare/",
        views.budgeterade_deltagare,
        name="nationell-deltagare",
    ),
]
