"""URLs of the table structures, in the `budget` namespace (names start with "tabell-")."""

from django.urls import path

from budget.tabeller import views

urlpatterns = [
    path("", views.tabell_list, name="tabell-list"),
    path("ny/", views.tabell_create, name="tabell-create"),
    path("<int:pk>/", views.tabell_detail, name="tabell-detail"),
    path("<int:pk>/andra/", views.tabell_edit, name="tabell-edit"),
    path("<int:pk>/grupper/ny/", views.grupp_create, name="tabell-grupp-create"),
    path("<int:pk>/grupper/<int:grupp>/", views.grupp_edit, name="tabell-grupp-edit"),
    path("<int:pk>/grupper/<int:grupp>/ta-bort/", views.grupp_delete, name="tabell-grupp-delete"),
    path("<int:pk>/rader/ny/", views.rad_create, name="tabell-rad-create"),
    path("<int:pk>/rader/<int:rad>/", views.rad_edit, name="tabell-rad-edit"),
    path("<int:pk>/rader/<int:rad>/ta-bort/", views.rad_delete, name="tabell-rad-delete"),
    path("medel/ny/", views.medel_create, name="tabell-medel-create"),
    path("medel/<int:pk>/", views.medel_edit, name="tabell-medel-edit"),
    path("medel/<int:pk>/ta-bort/", views.medel_delete, name="tabell-medel-delete"),
]
