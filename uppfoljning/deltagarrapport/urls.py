"""URLs of the rapport area, included in the `uppfoljning` namespace."""

from django.urls import path

from uppfoljning.deltagarrapport import views

urlpatterns = [
    path("", views.index, name="index"),
    # Periods: kansli opens, kansli/styrelse/revisor follow up.
    path("perioder/", views.period_list, name="period-list"),
    path("perioder/ny/", views.period_create, name="period-create"),
    path("perioder/<int:pk>/", views.period_detail, name="period-detail"),
    path("perioder/<int:pk>/paminnelse/", views.period_remind, name="period-remind"),
    # Reports
    path("rapporter/", views.rapport_mina, name="rapport-mina"),
    path("rapporter/<int:pk>/", views.rapport_detail, name="rapport-detail"),
    path("rapporter/<int:pk>/andra/", views.rapport_edit, name="rapport-edit"),
    path("rapporter/<int:pk>/godkann/", views.rapport_godkann, name="rapport-godkann"),
    path("rapporter/<int:pk>/returnera/", views.rapport_returnera, name="rapport-returnera"),
    path("rapporter/<int:pk>/ateroppna/", views.rapport_ateroppna, name="rapport-ateroppna"),
]
