from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The local demo site: ``manage.py load_demo_content`` and one login per role.

    Its own app because demo content needs both the content (``articles``, ``home``) and
    the editorial roles (``editorial``, which itself depends on ``articles``): here neither
    content app has to import the other's layer above it.
    """

    name = "demo"
    verbose_name = "Demo content"
