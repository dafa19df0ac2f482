"""Server-rendered bar charts (inline SVG, no script): the geometry in Python, the
drawing in templates/province/_bars.svg.html. Widths are in per cent of the plot."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode

BAR_HEIGHT = 18
GAP = 8
LABEL_WIDTH = 260
PLOT_WIDTH = 420


@dataclass
class Bar:
    label: str
    y: int
    registered: float  # widths in px
    recognised: float
    target: float | None
    text: str
    href: str
    met: bool | None


def dossier_list_url(**params) -> str:
    return reverse("dossier-list") + "?" + urlencode({k: v for k, v in params.items() if v})


def unit_list_url(**params) -> str:
    return reverse("unit-list") + "?" + urlencode({k: v for k, v in params.items() if v})


def _width(share) -> float:
    return round(PLOT_WIDTH * min(share or 0, 100) / 100, 1)


def bars(rows, *, href, target_of, met_of) -> dict:
    """One bar per row: registered (light) under recognised (dark), a target tick."""
    items = []
    for i, row in enumerate(rows):
        target = target_of(row)
        items.append(
            Bar(
                label=row.label,
                y=i * (BAR_HEIGHT + GAP),
                registered=_width(row.registered_share),
                recognised=_width(row.recognised_share),
                target=None if target is None else LABEL_WIDTH + _width(target),
                text=_percent(row.recognised_share) + " được công nhận",
                href=href(row),
                met=met_of(row),
            )
        )
    return {
        "bars": items,
        "height": max(len(items) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
        "width": LABEL_WIDTH + PLOT_WIDTH + 150,
        "label_width": LABEL_WIDTH,
        "plot_width": PLOT_WIDTH,
        "bar_height": BAR_HEIGHT,
    }


def _percent(share) -> str:
    if share is None:
        return "—"
    return f"{share:.1f}".replace(".", ",").removesuffix(",0") + " %"
