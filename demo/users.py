"""Demo logins, one per editorial role, so a newcomer can walk the workflow locally."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editorial.roles import EDITORS, MEDICAL_REVIEWERS, PUBLISHERS

# (username, password, first name, last name, group). Local development only.
DEMO_USERS = [
    ("editor", "editor", "Erin", "Editor", EDITORS),
    ("publisher", "publisher", "Pat", "Publisher", PUBLISHERS),
    ("reviewer", "reviewer", "Dr Riley", "Reviewer", MEDICAL_REVIEWERS),
]


def ensure_demo_users(report):
    """Create each missing demo user in its group; existing users are left alone."""
    User = get_user_model()
    for username, password, first_name, last_name, group_name in DEMO_USERS:
        label = f"user '{username}' ({group_name})"
        if User.objects.filter(username=username).exists():
            report.record(label, created=False)
            continue
        user = User.objects.create_user(
            username,
            f"{username}@example.com",
            password,
            first_name=first_name,
            last_name=last_name,
        )
        user.groups.add(Group.objects.get(name=group_name))
        report.record(f"{label}, password '{password}'", created=True)
