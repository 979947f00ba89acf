"""Only the C extensions; everything else is in pyproject.toml.

The kernels (indexer/_minhash.c, indexer/_sentences.c, indexer/_lines.c) speed up the per-article
hot paths. They are optional: without a C compiler the install goes on and the Python/numpy paths
give the same results for about twice the CPU per indexed article. (setup.py rather than
pyproject's `ext-modules`, which setuptools still calls experimental.)
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("indexer._minhash", ["indexer/_minhash.c"], depends=["indexer/_xxh32.h"], optional=True),
        Extension(
            "indexer._sentences",
            ["indexer/_sentences.c"],
            depends=["indexer/_xxh32.h", "indexer/_word_table.h"],
            optional=True,
        ),
        Extension(
            "indexer._lines",
            ["indexer/_lines.c"],
            depends=["indexer/_xxh32.h", "indexer/_word_table.h"],
            optional=True,
        ),
    ]
)
