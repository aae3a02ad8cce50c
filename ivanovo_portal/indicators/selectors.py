from dataclasses import dataclass

from ivanovo_portal.project import Activity

from . import registry
from .models import Target
from .targets import VALUES


@dataclass(frozen=True)
class Progress:
    """One target against its live figure."""

    key: str
    label: str
    target: int
    actual: int

    @property
    def met(self):
        return self.actual >= self.target

    @property
    def percent(self):
        """The real share of the target reached, which may pass 100."""
        return round(self.actual * 100 / self.target) if self.target else 100

    @property
    def bar_value(self):
        """What the progress bar shows: the figure, capped at the target."""
        return min(self.actual, self.target)


@dataclass(frozen=True)
class Section:
    """The targets of one activity, or of the register (``activity`` is None)."""

    activity: Activity | None
    items: list

    @property
    def met_count(self):
        return sum(item.met for item in self.items)


def target_value(key):
    """The target under figure ``key`` as staff set it, or as the contract does if its row is
    gone: the one source for an activity that measures itself against it."""
    value = Target.objects.filter(key=key).values_list("value", flat=True).first()
    return VALUES[key] if value is None else value


def _progress(target):
    return Progress(target.key, target.label, target.value, registry.value(target.key))


def figures_for(activity):
    """The targets of one activity with their live figures, in the order staff set."""
    return [_progress(target) for target in Target.objects.filter(activity=activity)]


def progress_by_activity():
    """Every activity in order with its targets and live figures, then the register's own.

    One query for the targets; beyond that only what the registered figures themselves need.
    """
    by_activity = {}
    for target in Target.objects.all():
        by_activity.setdefault(target.activity, []).append(_progress(target))
    sections = [Section(activity, by_activity.get(activity.value, [])) for activity in Activity]
    if by_activity.get(""):
        sections.append(Section(None, by_activity[""]))
    return sections
