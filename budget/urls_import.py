"""URLs of the Excel import, included in the `budget` namespace (names start with "import-")."""

urlpatterns: list = []
