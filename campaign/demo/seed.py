"""The campaign's demo: the round table and the conference with their pages, news across the
activities, what the campaign did to reach people, and a newsletter issue sent to demo
subscribers — in this order, each part using what the one before made."""

from . import events, news, newsletter, reach


def seed(accounts):
    events.seed(accounts)
    news.seed(accounts)
    reach.seed(accounts)
    newsletter.seed(accounts)
