"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from indexer.storage import ConfigMismatch, StoreUnavailable
from service.deps import ResourcesDep
from service.errors import problem_response

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(resources: ResourcesDep):
    """Redis answers and its manifest matches this build's index config."""
    try:
        resources.ready_index()
        if not resources.index.store.manifest_matches():
            raise ConfigMismatch("the store manifest changed under the running service")
    except (StoreUnavailable, ConfigMismatch) as exc:
        return problem_response(503, "Not ready", str(exc))
    return {"status": "ready", "config_version": resources.index.config.version}


@router.get("/metrics")
def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
