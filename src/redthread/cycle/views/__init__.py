"""The årshjul's pages, one module per feature."""
