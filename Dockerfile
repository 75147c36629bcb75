# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_LINK_MODE=copy UV_COMPILE_BYTECODE=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
RUN pip install --no-cache-dir uv \
 && apt-get update -qq && apt-get install -y -qq --no-install-recommends libgl1 libglib2.0-0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 app
WORKDIR /app
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
# collectstatic needs settings that import; these throwaway values never run the app.
RUN SECRET_KEY=build FIELD_ENCRYPTION_KEYS=ZGV2LW9ubHktZmllbGQta2V5LW5vdC1mb3ItcHJvZCE= \
    python manage.py collectstatic --no-input -v0 \
 && mkdir -p /app/var && chown -R app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "showcase.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
