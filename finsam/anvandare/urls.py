"""URLs of the administration, included in the `finsam` namespace."""

from django.urls import path

from finsam.anvandare import views

urlpatterns = [
    path("forbundet/anvandare/", views.anvandare_list, name="anvandare-list"),
    path("forbundet/anvandare/bjud-in/", views.anvandare_bjud_in, name="anvandare-bjud-in"),
    path("forbundet/anvandare/<int:pk>/andra/", views.anvandare_edit, name="anvandare-edit"),
    path("forbundet/anvandare/<int:pk>/status/", views.anvandare_status, name="anvandare-status"),
    path(
        "forbundet/anvandare/<int:pk>/ny-inbjudan/",
        views.anvandare_ny_inbjudan,
        name="anvandare-ny-inbjudan",
    ),
    path("system/", views.system_start, name="system-start"),
    path("system/forbund/nytt/", views.system_forbund_create, name="system-forbund-create"),
    path("system/forbund/<int:pk>/andra/", views.system_forbund_edit, name="system-forbund-edit"),
    path(
        "system/forbund/<int:pk>/status/",
        views.system_forbund_status,
        name="system-forbund-status",
    ),
    path("system/forbund/<int:pk>/bjud-in/", views.system_bjud_in, name="system-bjud-in"),
]
