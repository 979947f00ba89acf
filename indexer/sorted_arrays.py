"""Helpers for sorted numpy arrays, shared by the similarity layers and the engine's batch walk."""

from __future__ import annotations

import numpy as np


def run_starts(values: np.ndarray) -> np.ndarray:
    """Index of the first of each run of equal values (`np.unique` of a sorted array, 4x faster)."""
    new = np.ones(len(values), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=new[1:])
    return np.flatnonzero(new)


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (`np.unique`, faster on short arrays)."""
    values = np.sort(values)
    return values[run_starts(values)]
