FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY indexer ./indexer
COPY service ./service
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["syndetect", "serve", "--host", "0.0.0.0", "--port", "8000"]
