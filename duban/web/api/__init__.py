"""The JSON API (/api/v1/) for OA systems, big screens and mobile apps, and personal API tokens."""
