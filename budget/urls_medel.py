"""URLs of the medel area, included in the `budget` namespace (names start with "medel-")."""

urlpatterns: list = []
