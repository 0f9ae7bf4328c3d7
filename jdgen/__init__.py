"""jdgen: job postings and hiring plans from role files."""

__version__ = "0.1.0"
