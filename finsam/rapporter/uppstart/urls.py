"""URLs of the onboarding, in the `finsam` namespace (names start with "uppstart-", and
the systemadministratör's copy under /system/)."""

from django.urls import path

from finsam.rapporter.uppstart import views

urlpatterns = [
    path("forbundet/uppstart/", views.upload, name="uppstart"),
    path("forbundet/uppstart/mall.xlsx", views.mall, name="uppstart-mall-xlsx"),
    path("forbundet/uppstart/<str:token>/", views.preview, name="uppstart-preview"),
    path("forbundet/uppstart/<str:token>/tillampa/", views.apply, name="uppstart-apply"),
    path("forbundet/uppstart/<str:token>/avbryt/", views.cancel, name="uppstart-cancel"),
    path(
        "system/forbund/<int:pk>/kopiera-struktur/",
        views.kopiera_struktur,
        name="system-kopiera-struktur",
    ),
]
