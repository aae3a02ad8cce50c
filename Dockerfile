# The portal's production image: gunicorn serves the web app (default command); the same image
# runs the Celery worker and the migrations (see docker-compose.yml and docs/deployment.md).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_DEBUG=0 \
    MEDIA_ROOT=/data/media \
    WEB_CONCURRENCY=3

# WeasyPrint's native libraries (Pango, HarfBuzz, fontconfig); the fonts with Cyrillic are bundled
# in static/fonts. gettext is for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig gettext \
    && rm -rf /var/lib/apt/lists/*

# An unprivileged user with a home of its own (fontconfig keeps its cache there).
RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --create-home --home-dir /home/portal \
        --shell /usr/sbin/nologin portal

WORKDIR /app

# The production lock only (the tests' and the linter's packages are in requirements-dev.txt),
# each package checked against its hashes.
COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt

COPY . .

# Translations and static files are built into the image. The throwaway key exists only for these
# two commands: the running container must be given its own DJANGO_SECRET_KEY. A host name makes
# collectstatic run as production does, with the hashed file names and their manifest.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret-$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz \
        python manage.py compilemessages --ignore=.venv --verbosity 0 \
    && DJANGO_SECRET_KEY=build-only-not-a-secret-$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz \
        DJANGO_ALLOWED_HOSTS=build.invalid python manage.py collectstatic --no-input --verbosity 0 \
    && mkdir -p /data/media \
    && chown portal:portal /data/media

USER portal
EXPOSE 8000
VOLUME ["/data/media"]

# /healthz answers 200 when the database and Redis answer. The request carries an allowed Host and
# X-Forwarded-Proto: https, as the reverse proxy's would, so that neither ALLOWED_HOSTS nor the
# HTTPS redirect turns it away.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request as u; host = (os.environ.get('DJANGO_ALLOWED_HOSTS') or 'localhost').split(',')[0].strip().lstrip('.').replace('*', 'localhost') or 'localhost'; r = u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': host, 'X-Forwarded-Proto': 'https'}), timeout=8); sys.exit(r.status != 200)"]

# Gunicorn takes its number of workers from WEB_CONCURRENCY. The access log leaves out who asked
# (address, user agent, referrer) and the query string (a slip's link carries its invitation code):
# its times match the survey submissions, so such a line would tie an answer to a person or a code.
CMD ["gunicorn", "ivanovo_portal.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-", \
     "--access-logformat", "%(t)s \"%(m)s %(U)s %(H)s\" %(s)s %(b)s %(M)sms", "--timeout", "60"]
