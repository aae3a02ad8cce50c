"""The information campaign: news at ``/news/``, the publications library at ``/publications/``,
feeds at ``/feeds/``, the newsletter at ``/newsletter/``, the campaign's page, its events (the
round table and the conference), village bulletins and the staff's screens under
``/campaign/``. Mounted at the site's root."""

from . import events, feeds, news, newsletter, publications, reach

app_name = "campaign"

urlpatterns = (
    news.urlpatterns
    + events.urlpatterns
    + publications.urlpatterns
    + feeds.urlpatterns
    + newsletter.urlpatterns
    + reach.urlpatterns
)
