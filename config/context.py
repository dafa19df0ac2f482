"""The length limits of free-text fields typed by hand in templates (`maxlength` on the
inputs, shown as you type by static/js/site.js), taken from the forms and services that
enforce them, so a page and its check never disagree."""

from dossiers.filters import UnitFilter
from dossiers.guards import MAX_TEXT
from workflows.recognition.assess_forms import MAX_EXPLANATION, MAX_NAME
from workflows.recognition.forms import StepForm

LIMITS = {
    "text": MAX_TEXT,
    "explanation": MAX_EXPLANATION,
    "comment": StepForm.base_fields["comment"].max_length,
    "name": MAX_NAME,
    "search": UnitFilter.base_filters["q"].extra["max_length"],
    "year": 4,
}


def field_limits(request):
    return {"limits": LIMITS}
