from .events import Event, EventPhoto
from .news import Article, ArticleActivity, ArticleImage
from .newsletter import Delivery, NewsletterIssue, Subscriber, SubscriberTopic
from .reach import CampaignAction, MediaAppearance

__all__ = [
    "Article",
    "ArticleActivity",
    "ArticleImage",
    "CampaignAction",
    "Delivery",
    "Event",
    "EventPhoto",
    "MediaAppearance",
    "NewsletterIssue",
    "Subscriber",
    "SubscriberTopic",
]
