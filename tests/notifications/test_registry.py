"""The notifications know the workflows only through what these register in
workflows/apps.py (issue #9: layers point down)."""

import dataclasses

from notifications import registry
from notifications.tasks import announce, announce_nomination


def test_both_flows_and_the_deadline_model_are_registered_at_start_up():
    assert {flow.name for flow in registry.flows()} == {"recognition", "rewards"}
    assert registry.deadline_model()._meta.label == "workflows.TaskDeadline"


def test_each_flow_keeps_its_own_notification_keys():
    assert registry.flow("recognition").key_prefix == ""
    assert registry.flow("rewards").key_prefix == "reward-"


def test_one_announcer_serves_both_tasks(monkeypatch):
    """`announce` and `announce_nomination` differ only by the flow they look up."""
    seen = []
    monkeypatch.setattr(
        "notifications.tasks.announce_transition", lambda flow, t: seen.append((flow.name, t))
    )
    fakes = {
        name: dataclasses.replace(registry.flow(name), transition=lambda pk, n=name: f"{n}:{pk}")
        for name in ("recognition", "rewards")
    }
    monkeypatch.setattr(registry, "_flows", fakes)
    announce(1)
    announce_nomination(2)
    assert seen == [("recognition", "recognition:1"), ("rewards", "rewards:2")]


def test_a_deadline_no_flow_claims_falls_back_to_the_recognition_roles():
    """A step deadline whose process lost (or never had) its dossier still belongs to the
    recognition flow: its reminder goes to the police of the step's area, as before the
    registry existed — the sweep benchmark's steps are such deadlines."""

    from types import SimpleNamespace

    process = SimpleNamespace(dossier=None, nomination=None)  # no record behind the step
    unlinked = SimpleNamespace(task=SimpleNamespace(process=process))
    flow, record = registry.flow_of_deadline(unlinked)
    assert (flow.name, record) == ("recognition", None)
