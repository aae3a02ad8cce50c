from django.urls import path

from .. import feeds

urlpatterns = [
    path("feeds/news.rss", feeds.NewsFeed(), name="feed_news_rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="feed_news_atom"),
    path("feeds/publications.rss", feeds.PublicationsFeed(), name="feed_publications_rss"),
    path("feeds/publications.atom", feeds.PublicationsAtomFeed(), name="feed_publications_atom"),
    path("feeds/events.rss", feeds.MeetingsFeed(), name="feed_events_rss"),
    path("feeds/events.atom", feeds.MeetingsAtomFeed(), name="feed_events_atom"),
]
