from django.urls import include, path

app_name = "uppfoljning"
urlpatterns = [
    path("", include("uppfoljning.urls_rapport")),
    path("statistik/", include("uppfoljning.urls_statistik")),
    path("", include("uppfoljning.urls_ovrigt")),
    path("", include("uppfoljning.urls_matt")),
]
