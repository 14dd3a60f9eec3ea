"""Demo data: the real councils and plans from the source documents, plus marked synthetic data."""
