"""Report builders: one context builder per document, one template each, one render_pdf()."""


class RapportSaknas(LookupError):
    """The report cannot be made: e.g. the year has no adopted budget.

    Views answer 404, the `rapport` command a CommandError with the message.
    """
