"""Signals accounts sends for the apps above it (they connect receivers in their apps.py)."""

from django.dispatch import Signal

# Sent with `user` inside the transaction that creates an account by sign-up; a receiver that
# fails undoes the sign-up.
user_signed_up = Signal()

# Sent with `user=` inside the transaction that deletes an account, before its row goes:
# apps remove their own rows of the account (large ones in batches; the rest cascades).
user_deleting = Signal()
