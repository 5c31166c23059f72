"""Målgrupper och behov: helårsekvivalenter per kommun, year and kind of public support
(uppfoljning.models.Malgruppsstatistik), the pages that keep them and the tables the
verksamhetsplan prints."""
