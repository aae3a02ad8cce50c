"""The news: the public list with its filters and an article's page (``/news/``), and staff's
screens to write, publish, schedule and take back articles (``/campaign/manage/news/``). Staff
see a draft or a scheduled article at its public address, with a banner: that is its preview."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ivanovo_portal.accounts.permissions import permission_required
from ivanovo_portal.activities import section
from ivanovo_portal.audit.selectors import history_of
from ivanovo_portal.pagecache.middleware import on_every_serving
from ivanovo_portal.project import Activity
from ivanovo_portal.refusals import Refused, apply_form
from ivanovo_portal.uploads import serve_private

from .. import news as reads
from ..forms.news import ArticleForm, ArticleImageForm, PublishForm
from ..models import Article, ArticleImage
from ..services import news as services

PAGE_SIZE = 10
STAFF_PAGE_SIZE = 25
CHANGE = "campaign.change_article"
staff_only = permission_required(CHANGE)


def _get_article_for_reader(request, slug):
    """The article's page as ``request.user`` may see it: anyone a published one, staff a draft
    or a scheduled one too."""
    article = reads.article_page(slug)
    if article is None or not (article.is_published() or request.user.has_perm(CHANGE)):
        raise Http404
    return article


def _get_article_for_staff(pk):
    return get_object_or_404(Article, pk=pk)


def news(request):
    filterset = reads.ArticleFilter(request.GET, queryset=reads.published_articles())
    page_obj = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = section(Activity.CAMPAIGN) | {"filter": filterset, "page_obj": page_obj}
    return render(request, "campaign/news.html", context)


def article(request, slug):
    shown = _get_article_for_reader(request, slug)
    may_edit = request.user.has_perm(CHANGE)
    if shown.is_published() and not may_edit:
        on_every_serving(request, services.count_reading, shown.pk)
    return render(
        request,
        "campaign/news_article.html",
        {"article": shown, "may_edit": may_edit, "sharing": reads.sharing(shown)},
    )


def article_image(request, slug, pk):
    """An article's image, shown in its page: public with a published article."""
    shown = _get_article_for_reader(request, slug)
    image = get_object_or_404(ArticleImage, article=shown, pk=pk)
    name = image.file.name.rsplit("/", 1)[-1]
    response = serve_private(image.file, name, public=shown.is_published())
    response["Content-Disposition"] = content_disposition_header(False, name)
    return response


# Staff


@staff_only
def manage_news(request):
    articles = Paginator(reads.articles_for_staff(), STAFF_PAGE_SIZE)
    return render(
        request,
        "campaign/manage/news_list.html",
        {"page_obj": articles.get_page(request.GET.get("page"))},
    )


@staff_only
def manage_news_create(request):
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = apply_form(form, services.create_article, user=request.user)
        if created is not None:
            messages.success(request, _("The article is saved as a draft: only staff can see it."))
            return redirect("campaign:manage_news_edit", created.pk)
    return render(request, "campaign/manage/news_form.html", {"form": form})


def _edit_page(request, article, **forms):
    """An article's staff page: its text and tags, when it is published, its images, its
    history."""
    forms.setdefault("form", ArticleForm(instance=article))
    forms.setdefault("publish_form", PublishForm())
    forms.setdefault("image_form", ArticleImageForm())
    return render(
        request,
        "campaign/manage/news_article.html",
        {
            "article": article,
            "images": list(article.images.all()),
            "history": history_of(article),
            **forms,
        },
    )


@staff_only
def manage_news_edit(request, pk):
    article = _get_article_for_staff(pk)
    # The form changes its own copy, so the page keeps the saved address and title on errors.
    form = ArticleForm(request.POST or None, instance=Article.objects.get(pk=article.pk))
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_form(form, services.update_article, article, user=request.user)
    ):
        messages.success(request, _("The article has been saved."))
        return redirect("campaign:manage_news_edit", article.pk)
    return _edit_page(request, article, form=form)


@require_POST
@staff_only
def manage_news_publish(request, pk):
    article = _get_article_for_staff(pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        published = apply_form(form, services.publish_article, article, user=request.user)
        if published is not None:
            if published.is_scheduled():
                messages.success(request, _("The article is scheduled: it appears by itself."))
            else:
                messages.success(request, _("The article is published."))
            return redirect("campaign:manage_news_edit", article.pk)
    return _edit_page(request, article, publish_form=form)


@require_POST
@staff_only
def manage_news_unpublish(request, pk):
    article = _get_article_for_staff(pk)
    try:
        services.unpublish_article(article, user=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The article is a draft again: only staff can see it."))
    return redirect("campaign:manage_news_edit", article.pk)


@require_POST
@staff_only
def manage_news_image_add(request, pk):
    article = _get_article_for_staff(pk)
    form = ArticleImageForm(request.POST, request.FILES, user=request.user)
    if form.is_valid() and apply_form(form, services.add_article_image, article, user=request.user):
        messages.success(request, _("The image has been added."))
        return redirect("campaign:manage_news_edit", article.pk)
    return _edit_page(request, article, image_form=form)


@require_POST
@staff_only
def manage_news_image_remove(request, pk, image_pk):
    image = get_object_or_404(ArticleImage, article_id=pk, pk=image_pk)
    services.remove_article_image(image, user=request.user)
    messages.success(request, _("The image has been removed."))
    return redirect("campaign:manage_news_edit", pk)
