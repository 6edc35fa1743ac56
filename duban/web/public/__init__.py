"""The public progress page: published periods only, for anyone, at clean URLs."""
