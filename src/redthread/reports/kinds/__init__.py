"""Report builders: one module per report kind, each with ``build(municipality, year, body=None,
period=None) -> Report``.

A builder reads the data through the apps' own services (goal chain, finance, control,
quality) and turns it into the blocks of ``reports.document``; it never types a number. It
raises ``NoData`` with a Swedish message when the year or period has nothing to report.
"""
