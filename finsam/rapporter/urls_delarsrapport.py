"""URLs of the delarsrapport, included in the `finsam` namespace (names start with "delarsrapport")."""

urlpatterns: list = []
