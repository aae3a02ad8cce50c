"""The survey exports of 100,000 responses to a 30-question questionnaire, rendered as the worker
renders them: ``render_document`` (claim, render, store) of a document of each export kind, in a
child process (fresh interpreter, Django set up, no data loaded) with its own media folder.

Per export: the render's wall time; the memory it added, the resident set's high-water mark at
the end less the resident set just before the render, which must stay under 100 MB whatever the
number of responses (the rows stream from server-side cursors into a temporary file); and that
high-water mark, interpreter and Django included (informative).

The mark is the kernel's ``VmHWM``, set back to the resident set just before the render
(``/proc/self/clear_refs``). ``getrusage``'s ``ru_maxrss`` would not do: Linux carries it across
``fork`` and ``exec``, so a child of a benchmark process that has grown (``make bench`` runs every
module in one) would report its parent's size.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import bench
from bench import survey_data

MAX_ADDED_MB = 100
KINDS = {"xlsx": "surveys.responses_xlsx", "csv": "surveys.responses_csv"}


def export(questionnaire, name):
    """Render the ``name`` export ("csv" or "xlsx") in a child process and read back its figures."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-media-") as media:
        child = subprocess.run(
            [sys.executable, "-m", "bench.surveys_exports", name, str(questionnaire.pk)],
            env={**os.environ, "MEDIA_ROOT": media},
            capture_output=True,
            text=True,
            check=False,
        )
    if child.returncode != 0:
        raise RuntimeError(f"{name} export child failed:\n{child.stderr}")
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    bench.log(
        f"{name} export: {measured['megabytes']:.0f} MB file in {measured['seconds']:.1f} s "
        f"(child process {time.perf_counter() - started:.1f} s)"
    )
    prefix = f"surveys.{name}_export_100k"
    return {
        f"{prefix}.seconds": bench.figure(measured["seconds"], "s", "informative", True),
        f"{prefix}.added_rss_mb": bench.at_most(measured["added_mb"], "MB", MAX_ADDED_MB),
        f"{prefix}.peak_rss_mb": bench.figure(measured["peak_mb"], "MB", "informative", True),
        f"{prefix}.file_mb": bench.figure(measured["megabytes"], "MB", "informative", True),
    }


def _resident_mb():
    """The resident set now, from /proc (Linux), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _reset_high_water_mark():
    Path("/proc/self/clear_refs").write_text("5")


def _high_water_mark_mb():
    """The resident set's high-water mark since it was last set back, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    raise RuntimeError("no VmHWM in /proc/self/status")


def _render_in_child(name, questionnaire_pk):
    """The child's side: a document of the export's kind rendered by the task, in process; its
    size, time and memory as JSON on the last line of stdout."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ivanovo_portal.settings")
    django.setup()
    from django.contrib.contenttypes.models import ContentType

    from ivanovo_portal.documents.models import GeneratedDocument
    from ivanovo_portal.documents.tasks import render_document
    from surveys.models import Questionnaire

    questionnaire = Questionnaire.objects.get(pk=questionnaire_pk)
    document, _created = GeneratedDocument.objects.update_or_create(
        kind=KINDS[name],
        content_type=ContentType.objects.get_for_model(Questionnaire),
        object_id=questionnaire.pk,
        defaults={"title": f"bench {name}", "task_id": str(uuid.uuid4()), "status": "queued"},
    )
    _reset_high_water_mark()
    before = _resident_mb()
    started = time.perf_counter()
    render_document.apply(args=[document.pk], task_id=document.task_id).get()
    seconds = time.perf_counter() - started
    peak = _high_water_mark_mb()
    document.refresh_from_db()
    if document.status != "ready":
        raise RuntimeError(f"the {name} export did not render: {document.error}")
    print(
        json.dumps(
            {
                "megabytes": document.size / 1e6,
                "seconds": seconds,
                "added_mb": peak - before,
                "peak_mb": peak,
            }
        )
    )


def run():
    bench.setup()
    questionnaire = survey_data.questionnaire_with_responses()
    results = export(questionnaire, "xlsx")
    results.update(export(questionnaire, "csv"))
    return results


if __name__ == "__main__" and sys.argv[1:2] in (["csv"], ["xlsx"]):
    _render_in_child(sys.argv[1], int(sys.argv[2]))
