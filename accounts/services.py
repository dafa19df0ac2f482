"""The user's own account: the e-mail address notifications go to."""

from django.core.exceptions import PermissionDenied


def email_set(*, acting_user, user, email: str):
    """A user changes only their own address (an administrator changes others' in the
    administration pages)."""
    if acting_user.pk != user.pk:
        raise PermissionDenied("Bạn chỉ được sửa thông tin của chính mình.")
    user.email = email.strip()
    user.save(update_fields=["email"])
    return user
