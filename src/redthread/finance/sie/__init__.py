"""Reading SIE 4 files (SIE-gruppen, utgåva 4B): a tokenizer and a streaming reader.

Nothing in this package touches the database: the reader hands vouchers and balances
to a sink (see ``redthread.finance.ledger_import``), so a dry run and a real import
read the file the same way.
"""
