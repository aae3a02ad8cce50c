"""Where the portal used each method: the cases the activities register with
``ivanovo_portal.cases``, grouped by the method's address and counted live. Read once per
request (the method page, the list, the book each call ``cases_by_method`` once)."""

from collections import defaultdict
from dataclasses import dataclass

from ivanovo_portal.cases import Case, all_cases
from ivanovo_portal.cases import case as find_case

from .models import Method


def cases_by_method():
    """``{method slug: [(provider, Case), …]}``, each list the latest first."""
    grouped = defaultdict(list)
    for provider, case in all_cases():
        grouped[case.method].append((provider, case))
    return dict(grouped)


def cases_of(slug):
    """The cases of the method at ``slug``, the latest first: only the providers that may have
    used it are asked."""
    return all_cases(method=slug)


def counts(grouped=None):
    """``{method slug: number of cases}`` of ``grouped`` (``cases_by_method``), read now if not
    given."""
    grouped = cases_by_method() if grouped is None else grouped
    return {slug: len(found) for slug, found in grouped.items()}


@dataclass(frozen=True)
class MethodCases:
    """The cases of one method: ``method`` is None where the toolkit has no method at ``slug``
    (the case still shows, under its slug)."""

    slug: str
    method: Method | None
    cases: list

    @property
    def name(self):
        return self.method.name if self.method else self.slug


def cases_page():
    """Every case grouped by method, the toolkit's methods by name, then unknown slugs: the
    providers' queries and one more."""
    grouped = cases_by_method()
    methods = {method.slug: method for method in Method.objects.filter(slug__in=list(grouped))}
    sections = [MethodCases(slug, methods.get(slug), found) for slug, found in grouped.items()]
    return sorted(sections, key=lambda section: (section.method is None, section.name))


@dataclass(frozen=True)
class CasePage:
    """One case with who provided it and its method (None outside the toolkit)."""

    provider: str
    case: Case
    method: Method | None


def case_page(provider, key):
    """The case ``key`` of ``provider`` with its method, or None: the provider's queries and one
    more."""
    found = find_case(provider, key)
    if found is None:
        return None
    return CasePage(provider, found, Method.objects.filter(slug=found.method).first())
