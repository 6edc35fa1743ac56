"""Cheap hashers for passwords that need no key stretching.

Stretching (a million PBKDF2 rounds, 0.9 s a hash on our 2-core machine) protects passwords
people choose. It buys nothing for:
- demo accounts, whose passwords sit in plain text in var/demo-accounts.txt anyway;
- one-time passwords duban draws itself (accounts/passwords.py: 12 characters from 55, about
  69 bits), which no amount of guessing reaches, and which must be changed at the first log-in.
Without this, importing 60 reporters would take a minute of hashing in one request.
Django rehashes with the default hasher at the first log-in.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class DemoPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    algorithm = "duban_demo_pbkdf2"
    iterations = 1000


class OneTimePBKDF2PasswordHasher(PBKDF2PasswordHasher):
    algorithm = "duban_onetime_pbkdf2"
    iterations = 1000
