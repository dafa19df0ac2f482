"""Who reads the province's view and who reports (issue #11). Jurisdiction is on top of
the role: every figure is counted over `dossiers.jurisdiction` only."""

from django.core.exceptions import PermissionDenied

from accounts.models import Role

# Police of both levels, committee staff and observers read the dashboard and the reports
# (observers only read); a commune's officer sees only that commune (their jurisdiction).
READER_ROLES = {
    Role.REVIEWING_POLICE,
    Role.APPRAISING_POLICE,
    Role.COMMITTEE_STAFF,
    Role.COMMITTEE_SIGNER,
    Role.OBSERVER,
    Role.FRONT_OFFICER,  # the Front reads the dashboards of its area (issue #11)
    Role.STEERING_COMMITTEE,
    Role.ADMIN,
}
# The issuing office: the standing office of the steering committee (police) and the
# committee's staff make and send reports.
REPORTER_ROLES = {Role.REVIEWING_POLICE, Role.APPRAISING_POLICE, Role.COMMITTEE_STAFF}

NOT_READER = "Trang theo dõi chỉ tiêu dành cho cơ quan công an, Ủy ban nhân dân và người theo dõi."
NOT_REPORTER = "Chỉ cơ quan công an và chuyên viên Ủy ban nhân dân lập, gửi báo cáo."


def ensure_reader(user):
    if not (user.sees_everything or user.role in READER_ROLES):
        raise PermissionDenied(NOT_READER)


def ensure_reporter(user):
    if user.role not in REPORTER_ROLES:
        raise PermissionDenied(NOT_REPORTER)
