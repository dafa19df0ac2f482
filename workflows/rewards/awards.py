"""Import path kept for the reward decision views and tests: the decisions live in
workflows.rewards.services.decisions (on the shared workflows.decisions)."""

from .services.decisions import award_revoke, reward_decision_issue

__all__ = ["award_revoke", "reward_decision_issue"]
