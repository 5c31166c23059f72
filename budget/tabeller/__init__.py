"""Each document's own budget table (models in budget.models.tabell): how a structure is
resolved for a table (struktur.py) and the kansli's pages (views.py)."""
