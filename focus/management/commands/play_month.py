"""Plays a realistic month of the method for N people, through the real services.

For analytics (dbt's tests in CI, the staff dashboard), screenshots and benchmarks: people
sign up over the month in several time zones, confirm their address or not, add tasks (now and
then a few imported at once), work their pages (done, re-enter, nothing stands out), review
what was dismissed (restore or delete), edit and undo now and then; some stop after a few days.

Timestamps: every action runs under `time_machine.travel` at its moment in the past, so the
services stay the only writers of the list and its events and stamp them themselves
(`auto_now_add`, `timezone.now()`). time-machine is a test tool (requirements-dev.txt).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

ZONES = (
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
    "Europe/Moscow",
    "America/Los_Angeles",
    "Australia/Sydney",
    "UTC",
)
TASKS = (
    "Call the bank about the card",
    "Write the quarterly report",
    "Book the dentist",
    "Reply to Anna",
    "Fix the kitchen tap",
    "Renew the passport",
    "Plan the team offsite",
    "Read the design notes",
    "Pay the electricity bill",
    "Tidy the garage",
    "Order printer ink",
    "Draft the newsletter",
    "Review the pull request",
    "Buy a birthday gift",
    "Back up the laptop",
    "Water the garden",
    "Sort the tax papers",
    "Prepare the slides",
    "Email the landlord",
    "Learn ten new words",
)


@dataclass
class Player:
    """How one simulated person uses the app."""

    email: str
    zone: ZoneInfo
    joined: datetime
    validates: bool
    days_active: int  # how long they keep coming back
    visit_chance: float
    focus: float  # chance that a task on the page stands out


def _moments(start: datetime, rng: random.Random):
    """Successive moments a minute or a few apart."""
    moment = start
    while True:
        moment += timedelta(seconds=rng.randint(20, 400))
        yield moment


class Command(BaseCommand):
    help = __doc__.splitlines()[0]

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--users", type=int, default=50, help="how many people (default 50)")
        parser.add_argument("--days", type=int, default=30, help="length of the month (30)")
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same month)"
        )
        parser.add_argument(
            "--domain", default="play.example", help="email domain of the people (play.example)"
        )

    def handle(self, *args, users: int, days: int, seed: int, domain: str, **options) -> None:
        try:
            import time_machine
        except ImportError:
            raise CommandError(
                "play_month needs time-machine: pip install -r requirements-dev.txt"
            ) from None
        from accounts.models import User

        if users < 1 or days < 7:
            raise CommandError("Play at least one person over at least 7 days.")
        rng = random.Random(seed)
        end = timezone.now().replace(microsecond=0) - timedelta(minutes=5)
        start = end - timedelta(days=days)
        players = []
        for n in range(users):
            email = f"person{n:04d}.{seed}@{domain}"
            if User.objects.filter(pk=email).exists():
                raise CommandError(f"{email} exists already: use another --seed or --domain.")
            players.append(
                Player(
                    email=email,
                    zone=ZoneInfo(ZONES[n % len(ZONES)]),
                    joined=start + timedelta(minutes=rng.randint(0, int(days * 0.8) * 1440)),
                    validates=rng.random() < 0.75,
                    days_active=rng.choice((0, 1, 3, 7, 14, days, days, days)),
                    visit_chance=rng.uniform(0.4, 0.9),
                    focus=rng.uniform(0.15, 0.45),
                )
            )
        actions = 0
        for index, player in enumerate(players, start=1):
            actions += self._play(player, end=end, rng=rng, travel=time_machine.travel)
            if index % 10 == 0 or index == len(players):
                self.stdout.write(f"{index}/{len(players)} people, {actions} actions")
        self.stdout.write(self.style.SUCCESS(f"Played {days} days for {users} people."))

    def _play(self, player: Player, *, end: datetime, rng: random.Random, travel) -> int:
        from accounts.services import user_sign_in_or_up, user_validate
        from focus import selectors, services

        clock = _moments(player.joined, rng)
        count = 0

        def at(moment: datetime):
            return travel(moment, tick=False)

        with at(player.joined):
            user = user_sign_in_or_up(
                email=player.email,
                language="ru" if player.zone.key == "Europe/Moscow" else "en",
                client_ip=f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                time_zone=player.zone.key,
            ).user
        if player.validates:
            with at(player.joined + timedelta(minutes=rng.randint(1, 600))):
                user_validate(user=user)

        for offset in range(player.days_active + 1):
            if offset == 0:
                session_start = player.joined + timedelta(minutes=1)
            elif rng.random() < player.visit_chance:
                local = (player.joined + timedelta(days=offset)).astimezone(player.zone)
                session = local.replace(hour=rng.randint(7, 21), minute=rng.randint(0, 59))
                session_start = session.astimezone(UTC)
            else:
                continue
            if session_start >= end:
                break
            clock = _moments(session_start, rng)
            count += self._session(user, player, clock, end, rng, at, services, selectors)
        return count

    def _session(self, user, player, clock, end, rng, at, services, selectors) -> int:
        """One sitting: add a few tasks, work some pages, review dismissed tasks, undo a slip."""
        from autofocus.errors import AppError
        from focus.models import ItemState

        count = 0

        def act(call, **kwargs):
            nonlocal count
            moment = next(clock)
            if moment >= end:
                return None
            with at(moment):
                try:
                    result = call(user=user, **kwargs)
                except AppError:
                    return None
            count += 1
            if rng.random() < 0.04:  # a slip, taken back at once
                with at(next(clock)):
                    services.action_undo(user=user)
                count += 1
            return result

        for _ in range(rng.randint(1, 6)):
            act(services.item_create, text=rng.choice(TASKS))
        if rng.random() < 0.05:  # now and then a few tasks pasted in from elsewhere
            pasted = rng.sample(TASKS, rng.randint(2, 5))
            act(services.items_import, data="\n".join(pasted), format="TEXT")
        for _ in range(rng.randint(1, 4)):  # page passes
            page = selectors.items_for_page(user=user)
            for item in page:
                if item.state != ItemState.ACTIVE or rng.random() > player.focus:
                    continue
                roll = rng.random()
                if roll < 0.6:
                    act(services.item_complete, item_id=item.id)
                elif roll < 0.9:
                    act(services.item_reenter, item_id=item.id)
                else:
                    act(services.item_edit, item_id=item.id, text=item.text + " (today)")
            act(services.page_next)
        if rng.random() < 0.5:
            for item in selectors.dismissed_items(user=user)[: rng.randint(1, 4)]:
                if rng.random() < 0.55:
                    act(services.item_restore, item_id=item.id)
                else:
                    act(services.item_delete, item_id=item.id)
        return count
