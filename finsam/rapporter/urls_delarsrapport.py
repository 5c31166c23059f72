"""URLs of the delarsrapport, in the `finsam` namespace (names start with "delarsrapport")."""

urlpatterns: list = []
