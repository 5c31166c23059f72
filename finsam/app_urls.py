from django.urls import include, path

from finsam import halsa, views
from finsam import views_fortroendevalda as vf
from finsam.anvandare import urls as anvandare_urls
from finsam.historik import views as historik_views

app_name = "finsam"
urlpatterns = [
    path("forbundet/", views.forbund_detail, name="forbund"),
    path("forbundet/andra/", views.forbund_edit, name="forbund-edit"),
    path("forbundet/styrelse/", vf.fortroendevald_list, name="fortroendevald-list"),
    path("forbundet/styrelse/ny/", vf.fortroendevald_create, name="fortroendevald-create"),
    path("forbundet/styrelse/<int:pk>/", vf.fortroendevald_edit, name="fortroendevald-edit"),
    path(
        "forbundet/styrelse/<int:pk>/ta-bort/",
        vf.fortroendevald_delete,
        name="fortroendevald-delete",
    ),
    path("medlemmar/", views.medlem_list, name="medlem-list"),
    path("medlemmar/ny/", views.medlem_create, name="medlem-create"),
    path("medlemmar/<int:pk>/", views.medlem_detail, name="medlem-detail"),
    path("medlemmar/<int:pk>/andra/", views.medlem_edit, name="medlem-edit"),
    path("tillganglighet/", views.tillganglighet, name="tillganglighet"),
    # The health check for the proxy / load balancer (no login, JSON).
    path("halsa/", halsa.halsa, name="halsa"),
    path("historik/", historik_views.historik, name="historik"),
    path("historik/excel/", historik_views.historik_xlsx, name="historik-xlsx"),
    path("notiser/", include("finsam.notiser.urls")),
    # Users and förbund: its patterns directly in the namespace (the menu links to them).
    *anvandare_urls.urlpatterns,
    # The roof: the start page, the reports and their editions.
    path("", include("finsam.rapporter.urls")),
]
