"""okrsite: turn a git repository of OKRs into the company's OKR transparency portal."""

__version__ = "0.1.0"
