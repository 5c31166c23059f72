"""URLs of the statistik area, included in the `uppfoljning` namespace."""

from django.urls import path

from uppfoljning.statistik import views

urlpatterns = [
    path("", views.statistik, name="statistik"),
    path("<int:ar>/<slug:typ>/", views.statistik_period, name="statistik-period"),
    path("<int:ar>/<slug:typ>/excel/", views.statistik_excel, name="statistik-excel"),
]
