from django.apps import AppConfig

from finsam.concurrency import register_lockable


class UppfoljningConfig(AppConfig):
    name = "uppfoljning"
    verbose_name = "Uppföljning"

    def ready(self):
        # An adopted insatsrapport locks the steering group's report (finsam.concurrency).
        register_lockable("uppfoljning.Deltagarrapport")
        # An adopted delårsrapport or årsredovisning locks the meetings and events it prints.
        register_lockable("uppfoljning.Styrelsemote")
        register_lockable("uppfoljning.Viktighandelse")
        # An adopted verksamhetsplan locks the statistics its "Målgrupper och behov" prints.
        register_lockable("uppfoljning.Malgruppsstatistik")
