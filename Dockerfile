# One image for the web, worker and beat services of docker-compose.yml.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg espeak-ng wordnet-base \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt requirements-no-deps.txt ./
RUN pip install -r requirements.txt \
    && pip install --no-deps --require-hashes -r requirements-no-deps.txt
COPY . .
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && useradd --create-home hub && mkdir -p /app/media && chown hub /app/media
USER hub

EXPOSE 8000
CMD ["gunicorn", "dyslexia_site.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
