from django.urls import path

from ..views import news

MANAGE = "campaign/manage/news/"

urlpatterns = [
    path("news/", news.news, name="news"),
    path("news/<slug:slug>/", news.article, name="article"),
    path("news/<slug:slug>/images/<int:pk>/", news.article_image, name="article_image"),
    path(MANAGE, news.manage_news, name="manage_news"),
    path(f"{MANAGE}new/", news.manage_news_create, name="manage_news_create"),
    path(f"{MANAGE}<int:pk>/", news.manage_news_edit, name="manage_news_edit"),
    path(f"{MANAGE}<int:pk>/publish/", news.manage_news_publish, name="manage_news_publish"),
    path(f"{MANAGE}<int:pk>/unpublish/", news.manage_news_unpublish, name="manage_news_unpublish"),
    path(f"{MANAGE}<int:pk>/images/", news.manage_news_image_add, name="manage_news_image_add"),
    path(
        f"{MANAGE}<int:pk>/images/<int:image_pk>/remove/",
        news.manage_news_image_remove,
        name="manage_news_image_remove",
    ),
]
