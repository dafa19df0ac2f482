"""Import path kept for the recorded-decision views and tests: the service lives in
workflows.rewards.services.recorded (on the shared workflows.decisions)."""

from .services.recorded import external_decision_record

__all__ = ["external_decision_record"]
