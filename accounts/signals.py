"""Signals of the accounts app, for the apps above it (connected in their `apps.py`)."""

from django.dispatch import Signal

# Sent with `user=` inside the transaction that deletes an account, before its row goes:
# apps remove their own rows of the account (large ones in batches; the rest cascades).
user_deleting = Signal()
