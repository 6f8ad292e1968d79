"""Admin login throttling (django-axes), kept out of code paths without a request."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login form (Wagtail admin, Django admin).

    Stock ``AxesStandaloneBackend`` raises when ``authenticate()`` has no request, as in
    Django's test client ``login()`` and management commands; nothing an attacker can
    reach over HTTP authenticates without one, so those calls are left to the next backend.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
