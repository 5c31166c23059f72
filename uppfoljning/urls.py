from django.urls import include, path

app_name = "uppfoljning"
urlpatterns = [
    path("", include("uppfoljning.deltagarrapport.urls")),
    path("statistik/", include("uppfoljning.statistik.urls")),
    path("", include("uppfoljning.verksamhet.urls")),
    path("", include("uppfoljning.matt.urls")),
    path("", include("uppfoljning.styrelse.urls")),
    path("", include("uppfoljning.malgrupper.urls")),
    path("", include("uppfoljning.nationell.urls")),
]
