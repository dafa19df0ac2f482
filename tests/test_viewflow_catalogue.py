"""Every string of viewflow's own catalogue has a Vietnamese translation.

viewflow 2.4 ships no ``vi`` locale; ``locale/vi/LC_MESSAGES/django.po`` (in
LOCALE_PATHS) provides it. The reference list of msgids is viewflow's bundled
German catalogue. No database is needed.
"""

import ast
import re
from pathlib import Path

import pytest
import viewflow
from django.utils import translation

VIEWFLOW_PO = Path(viewflow.__file__).parent / "locale" / "de" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{[\w.]*\}")


def parse_po(path):
    """Tiny .po parser: a list of (msgctxt, msgid, msgid_plural); header and obsolete skipped."""
    entries, current, key = [], {}, None

    def flush():
        if current.get("msgid"):
            entries.append((current.get("msgctxt"), current["msgid"], current.get("msgid_plural")))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            current[key] += ast.literal_eval(line)
            continue
        keyword, _, value = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in current):
            flush()
            current = {}
        key = keyword
        current[key] = ast.literal_eval(value)
    flush()
    return entries


ENTRIES = parse_po(VIEWFLOW_PO)


def is_symbolic(msgid):
    """Placeholders and punctuation only ("#", "%(label)s %(name)s"): nothing to translate."""
    return not re.search(r"[^\W\d_]", PLACEHOLDER.sub("", msgid))


def test_viewflow_catalogue_is_parsed():
    msgids = {msgid for _, msgid, _ in ENTRIES}
    assert len(ENTRIES) > 100
    assert {"Inbox", "Queue", "Archive", "Process", "Task"} <= msgids
    assert any(ctx == "STATUS" for ctx, _, _ in ENTRIES)
    assert any(plural for _, _, plural in ENTRIES)


@pytest.mark.parametrize(
    ("msgctxt", "msgid", "msgid_plural"),
    ENTRIES,
    ids=[f"{ctx + ':' if ctx else ''}{' '.join(msgid.split())[:40]}" for ctx, msgid, _ in ENTRIES],
)
def test_viewflow_msgid_is_translated_to_vietnamese(msgctxt, msgid, msgid_plural):
    if is_symbolic(msgid):
        pytest.skip("placeholder/symbol-only msgid")
    with translation.override("vi"):
        if msgid_plural:
            singular = translation.ngettext(msgid, msgid_plural, 1)
            plural = translation.ngettext(msgid, msgid_plural, 2)
            assert singular != msgid and plural != msgid_plural
        elif msgctxt:
            assert translation.pgettext(msgctxt, msgid) != msgid
        else:
            assert translation.gettext(msgid) != msgid


def test_workflow_vocabulary():
    with translation.override("vi"):
        assert translation.gettext("Inbox") == "Việc của tôi"
        assert translation.gettext("Queue") == "Việc chờ nhận"
        assert translation.gettext("Archive") == "Đã xử lý"
        assert translation.pgettext("STATUS", "New") == "Mới"
        assert translation.pgettext("STATUS", "Assigned") == "Đã nhận"
        assert translation.pgettext("STATUS", "Started") == "Đang thực hiện"
        assert translation.pgettext("STATUS", "Done") == "Hoàn thành"
        assert translation.pgettext("STATUS", "Canceled") == "Đã hủy"
        assert translation.pgettext("STATUS", "Error") == "Lỗi"
