"""The page cache: what an anonymous visitor reads, kept once rendered and served again until the
data it was made from changes.

A page a resident reads is the same for every resident until someone changes what it shows, so
it is rendered once and kept (``middleware.PageCacheMiddleware``). What it was made from is not
declared by hand: while a page renders, every table its queries read is noted, each with the
version that table had when the rendering began; every statement that writes a table, wherever it
runs (a request, a Celery task, a management command, the admin, a shell), gives that table a new
version once its transaction commits (``tables``). A kept page is served only while every table it
read still has the version it was made with, so a change is visible on the very next request.

What the database does not hold is covered otherwise: the code and templates by the release in
the key (a deployment is a new one), the clock by the page's lifetime (``PAGE_CACHE_SECONDS``,
a minute: an event that becomes past or an article scheduled for a time appears within it).
The counts of readings and downloads (``counts``) change no page at once and are folded in the
same way.

The same versions tell a process whether what it keeps in memory is still what the database
holds (``tables.in_memory``): the questionnaire the answering pages read on every request, with
its structure (``surveys.selectors.public_answering``).

Only what is the same for every anonymous visitor is kept: GET requests without a session or
any cookie but the CSRF and language ones, answered 200 without setting a cookie, without using
the CSRF token (a page with a form for the visitor), without writing to the database, and not
marked private or never to be cached. Everyone else (staff, a resident in the middle of a
questionnaire) is served as if there were no cache.
"""
