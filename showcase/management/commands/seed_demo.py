"""Seed the demo team that `make run` logs you into.

Safe to run again: it only adds what is missing.

With the server up (scripts/dev.py calls this after /healthz/ answers), it goes the way a
team would: a sandbox account, its key connected (verified over HTTP by creating the
callback secret), one real batch of the sample photos through the sandbox, and, once the
batch is done and its images copied, a showcase of the results featured on the front page.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Count
from django.templatetags.static import static

from accounts.models import User
from batches.models import Item, ItemStatus, Job
from batches.services import ItemInput, job_create
from batches.stages import ELEMENT_ORDER
from connections.models import Connection
from teams.models import Membership, Role, Team

DEMO_EMAIL = "demo@dyver.example"
DEMO_PASSWORD = "showcase-demo"
DEMO_TEAM = "Dyver demo team"
DEMO_JOB = "Spring drop · sample photos"
DEMO_SHOWCASE = "Spring drop"
SAMPLES = [
    "dress-blue", "dress-plum", "hoodie-green", "hoodie-olive", "jacket-grey", "jacket-mustard",
    "longsleeve-navy", "longsleeve-teal", "tank-charcoal", "tank-sky", "tee-burgundy", "tee-navy",
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Create the demo user and team; with the sandbox on, its key, a first batch and a showcase."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wait", type=int, default=180, help="seconds to wait for the batch")
        parser.add_argument("--no-batch", action="store_true", help="only the user and the team")

    def handle(self, *args, wait: int, no_batch: bool, **options):
        user, team = self._user_and_team()
        (settings.VAR_DIR / "demo-login.txt").write_text(f"{DEMO_EMAIL} / {DEMO_PASSWORD}\n")
        self.stdout.write(f"Demo team ready: {team.name} ({DEMO_EMAIL})")
        if no_batch or not settings.SANDBOX_ENABLED:
            return
        connection = self._connection(team, user)
        job = Job.objects.filter(team=team, title=DEMO_JOB).first() or self._launch(
            team, user, connection
        )
        self._showcase(team, user, job, wait)

    def _user_and_team(self) -> tuple[User, Team]:
        user, created = User.objects.get_or_create(
            email=DEMO_EMAIL, defaults={"first_name": "Demo"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        team = Team.objects.filter(memberships__user=user, name=DEMO_TEAM).first()
        if team is None:
            team = Team.objects.create(name=DEMO_TEAM)
            Membership.objects.create(team=team, user=user, role=Role.OWNER)
        return user, team

    def _connection(self, team: Team, user: User) -> Connection:
        from connections.services import connection_create
        from sandbox.services import account_create

        existing = team.connections.active().filter(environment="sandbox").first()
        if existing:
            return existing
        _, key = account_create(credits=500, label=f"{DEMO_TEAM} (demo)")
        connection = connection_create(team=team, user=user, label="Sandbox (demo)", api_key=key)
        self.stdout.write(f"Connected a sandbox key: {connection.masked_key}")
        return connection

    def _launch(self, team: Team, user: User, connection: Connection) -> Job:
        items = [
            ItemInput(
                image_url=settings.SITE_URL + static(f"samples/{name}.jpg"),
                elements=list(ELEMENT_ORDER),
                client_ref=f"sku-{name}",
                aspect_ratio="4:5",
            )
            for name in SAMPLES
        ]
        job = job_create(
            team=team,
            user=user,
            connection=connection,
            items=items,
            title=DEMO_JOB,
            metadata={"campaign": "spring-drop"},
        )
        self.stdout.write(f"Launched the demo batch: {len(items)} sample photos, all four stages.")
        return job

    def _showcase(self, team: Team, user: User, job: Job, wait: int) -> None:
        from gallery.models import Showcase
        from gallery.services import showcase_create_from_items

        if Showcase.objects.filter(team=team, title=DEMO_SHOWCASE).exists():
            return
        deadline = time.monotonic() + wait
        while True:
            items = list(
                Item.objects.filter(batch__job=job, status=ItemStatus.SUCCEEDED)
                .annotate(n=Count("stages"))
                .order_by("sequence_index")
            )
            batches_done = all(b.is_terminal for b in job.batches.all())
            copied = [i for i in items if i.images_copied_at and i.n]
            if batches_done and len(copied) == len(items):
                break
            if time.monotonic() > deadline:
                self.stdout.write(
                    "The demo batch is still running; "
                    "its showcase will be made on the next `make run`."
                )
                return
            time.sleep(1)
        if not copied:
            self.stdout.write("The demo batch produced no results; no showcase was made.")
            return
        showcase_create_from_items(
            team=team,
            user=user,
            title=DEMO_SHOWCASE,
            description="Sample product photos through all four stages of runflow/dyver-removal.",
            items=copied,
        )
        self.stdout.write(f"Featured a showcase of {len(copied)} results on the front page.")
