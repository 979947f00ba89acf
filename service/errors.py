"""Every error leaves as application/problem+json (RFC 9457) with a status that says whose fault it is."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.engine import ArticleNotFound
from indexer.extract import ExtractionTimeout
from indexer.storage import ConfigMismatch, StoreUnavailable, WriteConflict

PROBLEM_JSON = "application/problem+json"


def problem(status: int, title: str, detail: str, **extra) -> dict:
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}


def problem_response(status: int, title: str, detail: str, **extra) -> JSONResponse:
    return JSONResponse(
        jsonable_encoder(problem(status, title, detail, **extra)), status_code=status, media_type=PROBLEM_JSON
    )


# Errors of the library that are the client's or the environment's, not bugs (those stay 500).
LIBRARY_ERRORS = (
    ArticleNotFound,
    StoreUnavailable,
    ConfigMismatch,
    WriteConflict,
    ExtractionTimeout,
    ValueError,
)


def problem_for(exc: Exception) -> dict | None:
    """The problem document of a library error, or None for an unexpected one (a bug: 500)."""
    if isinstance(exc, ArticleNotFound):
        return problem(404, "Article not found", f"no article with id {exc.args[0]!r} is indexed")
    if isinstance(exc, StoreUnavailable):
        return problem(503, "Store unavailable", str(exc))
    if isinstance(exc, ConfigMismatch):
        return problem(503, "Index config mismatch", str(exc))
    if isinstance(exc, WriteConflict):
        return problem(409, "Concurrent update", f"article {exc.args[0]!r} changed concurrently; retry")
    if isinstance(exc, ExtractionTimeout):
        return problem(422, "HTML extraction timed out", str(exc))
    if isinstance(exc, ValueError):
        return problem(422, "Invalid article", str(exc))
    return None


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        return problem_response(
            422, "Invalid request", "the request does not match the schema", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem_response(exc.status_code, str(exc.detail), str(exc.detail))

    async def _library(_: Request, exc: Exception) -> JSONResponse:
        found = problem_for(exc)
        return problem_response(found["status"], found["title"], found["detail"])

    for error in LIBRARY_ERRORS:
        app.add_exception_handler(error, _library)
