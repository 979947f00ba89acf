FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml setup.py README.md ./
COPY indexer ./indexer
COPY service ./service
# gcc builds the C kernels (indexer/_minhash.c, _sentences.c, _lines.c) and is removed again.
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && pip install --no-cache-dir . \
    && python -P -c "import indexer._minhash, indexer._sentences, indexer._lines" \
    && apt-get purge -y --auto-remove gcc libc6-dev && rm -rf /var/lib/apt/lists/* \
    && useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin syndetect
# The API keeps nothing on disk (everything is in Redis), so it runs unprivileged.
USER syndetect
EXPOSE 8000
CMD ["syndetect", "serve", "--host", "0.0.0.0", "--port", "8000"]
