"""`syndetect` command line: serve the API, bulk-index JSON lines, query, stats, reindex."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError
from tqdm import tqdm

from indexer.config import DEFAULT_CONFIG
from indexer.engine import ArticleInput, Index
from indexer.extract import ExtractSettings, HtmlExtractor
from indexer.storage import ConfigMismatch
from indexer.storage.redis import RedisStore
from service.deps import Resources
from service.embedded_redis import EmbeddedRedisError, redis_server
from service.schemas import BatchArticle
from service.settings import Settings, get_settings


@contextmanager
def open_index(settings: Settings, *, check_manifest: bool = True) -> Iterator[Index]:
    from service.app import redis_client

    with redis_server(settings.redis_url, settings.data_dir) as url:
        client = redis_client(url, settings)
        store = RedisStore(client, DEFAULT_CONFIG, settings.namespace)
        if check_manifest:
            store.open()
        try:
            yield Index(store, DEFAULT_CONFIG)
        finally:
            client.close()


def _read_jsonl(paths: list[Path]) -> Iterator[tuple[str, int, dict | None, str | None]]:
    """(file, line number, record or None, error) for every non-empty line."""
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    yield str(path), number, None, f"invalid JSON: {exc}"
                    continue
                if isinstance(record, dict):
                    yield str(path), number, record, None
                else:
                    yield str(path), number, None, "invalid JSON: not a JSON object"


def _article(record: dict, resources: Resources) -> ArticleInput:
    item = BatchArticle.model_validate(record)
    return resources.to_article(item, item.id)


# Articles indexed per `upsert_many` call: a few Redis round trips each, small enough to resume.
_CLI_BATCH = 200


def _index_files(index: Index, paths: list[Path]) -> int:
    counts = {"indexed": 0, "unchanged": 0, "failed": 0}
    extractor = HtmlExtractor(ExtractSettings(max_workers=1, timeout_seconds=get_settings().html_timeout_s))
    resources = Resources(index=index, extractor=extractor)
    show_progress = sys.stderr.isatty() or os.environ.get("SYNDETECT_PROGRESS") == "1"
    pending: list[tuple[str, ArticleInput]] = []

    def fail(where: str, reason: object) -> None:
        counts["failed"] += 1
        print(f"{where}: {reason}", file=sys.stderr)

    def flush() -> None:
        for (where, _), result in zip(pending, index.upsert_many([article for _, article in pending])):
            if isinstance(result, Exception):
                fail(where, result)
            else:
                counts["indexed" if result.changed else "unchanged"] += 1
        pending.clear()

    try:
        with tqdm(unit=" articles", disable=not show_progress) as bar:
            for path, number, record, error in _read_jsonl(paths):
                bar.update(1)
                where = f"{path}:{number}"
                try:
                    if error:
                        raise ValueError(error)
                    pending.append((where, _article(record, resources)))
                except (ValidationError, ValueError, TimeoutError) as exc:
                    fail(where, exc)
                if len(pending) >= _CLI_BATCH:
                    flush()
            flush()
    finally:
        extractor.close()
    print(json.dumps(counts))
    return 1 if counts["failed"] else 0


def _serve(settings: Settings, host: str, port: int, workers: int) -> int:
    """Run the API; with several workers, this process owns the embedded Redis they all share."""
    import uvicorn

    with redis_server(settings.redis_url, settings.data_dir) as url:
        os.environ["SYNDETECT_REDIS_URL"] = url
        uvicorn.run("service.app:create_app", factory=True, host=host, port=port, workers=workers)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="syndetect", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--data-dir", type=Path, help="embedded Redis data (default ./.syndetect)")
    serve.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: one per CPU)"
    )
    for name, helptext in (
        ("index", "index JSON-lines files (resumable)"),
        ("reindex", "drop the index and rebuild it from JSON-lines files"),
    ):
        sub = commands.add_parser(name, help=helptext)
        sub.add_argument("files", nargs="+", type=Path)
        sub.add_argument("--data-dir", type=Path)
    query = commands.add_parser("query", help="print the matches of a text file (or - for stdin)")
    query.add_argument("file")
    query.add_argument("--title")
    query.add_argument("--source")
    query.add_argument("--limit", type=int, default=10)
    query.add_argument("--data-dir", type=Path)
    stats = commands.add_parser("stats", help="print index statistics")
    stats.add_argument("--data-dir", type=Path)
    args = parser.parse_args(argv)

    if args.data_dir is not None:
        os.environ["SYNDETECT_DATA_DIR"] = str(args.data_dir)
        get_settings.cache_clear()
    settings = get_settings()
    try:
        if args.command == "serve":
            return _serve(settings, args.host, args.port, args.workers)
        if args.command == "reindex":
            with open_index(settings, check_manifest=False) as index:
                index.store.clear()
                index.store.open()
                return _index_files(index, args.files)
        with open_index(settings) as index:
            if args.command == "index":
                return _index_files(index, args.files)
            if args.command == "query":
                text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
                matches, _ = index.match(
                    ArticleInput(text, title=args.title, source=args.source), limit=args.limit
                )
                for match in matches:
                    print(
                        json.dumps(
                            {
                                "id": match.id,
                                "relation": match.relation,
                                "score": match.score,
                                "jaccard": match.jaccard,
                                **match.meta,
                            }
                        )
                    )
                return 0
            print(json.dumps(index.store.stats(), indent=2))
            return 0
    except (ConfigMismatch, EmbeddedRedisError) as exc:
        print(f"syndetect: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
