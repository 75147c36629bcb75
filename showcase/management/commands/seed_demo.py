"""Seed the demo team that `make run` logs you into. Safe to run again: it only adds what is missing."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import User
from teams.models import Membership, Role, Team

DEMO_EMAIL = "demo@dyver.example"
DEMO_PASSWORD = "showcase-demo"
DEMO_TEAM = "Dyver demo team"


class Command(BaseCommand):
    help = "Create the demo user and team (and, with the sandbox on, its key and a first batch)."

    def handle(self, *args, **options):
        user, created = User.objects.get_or_create(email=DEMO_EMAIL, defaults={"first_name": "Demo"})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        team = Team.objects.filter(memberships__user=user, name=DEMO_TEAM).first()
        if team is None:
            team = Team.objects.create(name=DEMO_TEAM)
            Membership.objects.create(team=team, user=user, role=Role.OWNER)
        (settings.VAR_DIR / "demo-login.txt").write_text(f"{DEMO_EMAIL} / {DEMO_PASSWORD}\n")
        self.stdout.write(f"Demo team ready: {team.name} ({DEMO_EMAIL})")
