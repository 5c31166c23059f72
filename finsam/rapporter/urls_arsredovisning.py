"""URLs of the arsredovisning, included in the `finsam` namespace (names start with "arsredovisning")."""

urlpatterns: list = []
