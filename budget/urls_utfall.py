"""URLs of the utfall area, included in the `budget` namespace (names start with "utfall-")."""

urlpatterns: list = []
