from .models import Notification


def unread_notifications(request):
    """The unread badge in the header: one COUNT query, only for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_count": Notification.objects.filter(
            recipient=user, read_at=None, in_app=True
        ).count()
    }
