"""The server-error page in the product's own look (templates/500.html), rendered without
the request: no context processor (the unread-notification count needs the database that
may be what failed) and no user, so this page itself cannot fail."""

from django.http import HttpResponseServerError
from django.template import loader


def server_error(request, *args, **kwargs):
    return HttpResponseServerError(loader.get_template("500.html").render())
