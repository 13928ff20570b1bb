"""Finance pages, one module per part of ekonomistyrningen."""
