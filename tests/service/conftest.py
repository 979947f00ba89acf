import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings


@pytest.fixture
def client(redis_url, namespace, tmp_path):
    app = create_app(
        Settings(redis_url=redis_url, namespace=namespace, data_dir=tmp_path, max_body_bytes=200_000)
    )
    with TestClient(app) as test_client:
        yield test_client
        app.state.resources.index.store.clear()
