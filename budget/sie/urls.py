"""URLs of the SIE import, included under utfall/sie/ in the `budget` namespace (names start
with "sie-")."""

from django.urls import path

from budget.sie import views

urlpatterns = [
    path("", views.upload, name="sie-upload"),
    path("mappning/", views.mappning_list, name="sie-mappning"),
    path("mappning/<int:pk>/", views.mappning_edit, name="sie-mappning-edit"),
    path("<str:token>/", views.preview, name="sie-preview"),
    path("<str:token>/tillampa/", views.apply, name="sie-apply"),
    path("<str:token>/avbryt/", views.cancel, name="sie-cancel"),
]
