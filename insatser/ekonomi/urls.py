"""URLs of the insats-level economy (rekvisitioner, the follow-up), included in the
`insatser` namespace."""

from django.urls import path

from insatser.ekonomi import views

urlpatterns = [
    path("rekvisitioner/", views.rekvisition_list, name="rekvisition-list"),
    path(
        "<int:pk>/rekvisitioner/ny/",
        views.rekvisition_create,
        name="rekvisition-create",
    ),
    path("rekvisitioner/<int:pk>/andra/", views.rekvisition_edit, name="rekvisition-edit"),
    path(
        "rekvisitioner/<int:pk>/ta-bort/",
        views.rekvisition_delete,
        name="rekvisition-delete",
    ),
    path(
        "<int:pk>/externfinansiering/ny/",
        views.externfinansiering_create,
        name="externfinansiering-create",
    ),
    path(
        "externfinansiering/<int:pk>/andra/",
        views.externfinansiering_edit,
        name="externfinansiering-edit",
    ),
    path(
        "externfinansiering/<int:pk>/ta-bort/",
        views.externfinansiering_delete,
        name="externfinansiering-delete",
    ),
    path("ekonomi/", views.ekonomi, name="ekonomi"),
    path("ekonomi/xlsx/", views.ekonomi_xlsx, name="ekonomi-xlsx"),
]
