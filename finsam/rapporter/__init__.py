"""The roof: the documents built from every app, and the pages and commands that show them.

    dokument.py         the registry: one Dokumenttyp per document (builder, template, texts,
                        checks, locks, edition key, URLs, the Rapporter page, the command)
    verksamhetsplan.py, delarsrapport.py, arsredovisning.py, insatsrapport.py
                        one document each: its builder and its registry entry
    diagram.py, deltagartabeller.py
                        charts and participant tables (time in insats, education, RMGT
                        survey) that several documents print
    views.py, urls.py   generic HTML/PDF views and URLs made from the registry; the
                        Rapporter page
    start.py            the start page (it shows several apps)
    utgava/             an edition's texts, checklist, fastställ and archive
    management/commands/  rapport, rapport_benchmark, export_xlsx, historik_benchmark

It may import every app and the ground floor; only URLs and commands import it.
"""


class RapportSaknas(LookupError):
    """The report cannot be made: e.g. the year has no adopted budget.

    Views answer 404, the `rapport` command a CommandError with the message.
    """
