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


DEMO_REVIEWER = DEMO_USERS[2]


def ensure_demo_reviewer():
    """The medical reviewer credited with the demo article's review.

    Created without a usable password (nobody logs in as them) unless ``--with-demo-users``
    gives them one; an existing user of that name is used as it is.
    """
    username, _, first_name, last_name, group_name = DEMO_REVIEWER
    User = get_user_model()
    reviewer = User.objects.filter(username=username).first()
    if reviewer is None:
        reviewer = User.objects.create_user(
            username, f"{username}@example.com", None, first_name=first_name, last_name=last_name
        )
        reviewer.groups.add(Group.objects.get(name=group_name))
    return reviewer


def ensure_demo_users(report):
    """Create each missing demo user in its group; existing users are left alone, except
    that the demo reviewer the demo content created gets its demo password."""
    User = get_user_model()
    for username, password, first_name, last_name, group_name in DEMO_USERS:
        label = f"user '{username}' ({group_name})"
        user = User.objects.filter(username=username).first()
        if user is not None and not user.has_usable_password():
            user.set_password(password)
            user.save(update_fields=["password"])
            report.record(f"{label}, password '{password}'", created=True)
            continue
        if user is not None:
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
