"""A cheap hasher for demo accounts only: their passwords sit in plain text in
var/demo-accounts.txt anyway, so a million PBKDF2 rounds (0.5 s each, 70 accounts) buy nothing.
Django rehashes with the default hasher at the first log-in."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class DemoPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    algorithm = "duban_demo_pbkdf2"
    iterations = 1000
