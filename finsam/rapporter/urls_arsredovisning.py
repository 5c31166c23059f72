"""URLs of the arsredovisning, in the `finsam` namespace (names start with "arsredovisning")."""

urlpatterns: list = []
