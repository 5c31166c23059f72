"""URLs of the bokslut area, included in the `budget` namespace (names start with "bokslut-")."""

urlpatterns: list = []
