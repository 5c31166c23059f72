"""Report builders: one context builder per document, one template each, one render_pdf()."""
