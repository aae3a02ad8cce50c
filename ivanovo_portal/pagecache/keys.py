"""The key a page is kept under: the release of the code that rendered it, the address asked
for (scheme, host, path and query) and the language it is in."""

import hashlib
import os
from functools import cache as once
from pathlib import Path

from django.apps import apps
from django.conf import settings

PREFIX = "pagecache:page"
# What a page is made of besides the database: code, templates, translations, static files
# (their addresses in the page carry a digest of their content).
SOURCE_SUFFIXES = frozenset({".py", ".html", ".txt", ".mo", ".css", ".js", ".svg", ".json"})

_generation = 0


def code_changed(**kwargs):
    """Settings or a registry changed in this process (``setting_changed``, ``Registry.override``:
    tests only, they change with a deployment otherwise): pages made before are not served again."""
    global _generation
    _generation += 1


@once
def release():
    """A digest of the project's sources as this process runs them: every deployment of a
    change renders its pages anew, and replicas of the same code share them."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(set(_sources())):
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _sources():
    base = Path(settings.BASE_DIR).resolve()
    roots = {Path(config.path).resolve() for config in apps.get_app_configs()}
    roots.update(Path(directory).resolve() for directory in _template_dirs())
    roots.update(Path(directory).resolve() for directory in settings.LOCALE_PATHS)
    roots.update(Path(directory).resolve() for directory in settings.STATICFILES_DIRS)
    roots.add(base / "ivanovo_portal")
    for root in roots:
        if not root.is_relative_to(base) or ".venv" in root.parts:
            continue
        for folder, directories, files in os.walk(root):
            directories[:] = [name for name in directories if not name.startswith((".", "_"))]
            for name in files:
                if Path(name).suffix in SOURCE_SUFFIXES:
                    yield Path(folder, name)


def _template_dirs():
    for engine in settings.TEMPLATES:
        yield from engine.get("DIRS", [])


def page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.blake2b(address.encode(), digest_size=16).hexdigest()
    return f"{PREFIX}:{release()}:{_generation}:{request.LANGUAGE_CODE}:{digest}"
