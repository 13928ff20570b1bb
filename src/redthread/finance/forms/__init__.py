"""Forms of the finance pages, one module per part."""
