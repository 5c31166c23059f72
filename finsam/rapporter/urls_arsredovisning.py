"""URLs of the arsredovisning, in the `finsam` namespace (names start with "arsredovisning").

reverse("finsam:arsredovisning", args=[2025])
"""

from django.urls import path

from finsam.rapporter import views_arsredovisning as views

urlpatterns = [
    path("<int:ar>/", views.arsredovisning, name="arsredovisning"),
    path("<int:ar>/pdf/", views.arsredovisning_pdf, name="arsredovisning-pdf"),
]
