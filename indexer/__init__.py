"""syndetect indexer: a plain library that fingerprints articles and finds their copies in Redis."""
