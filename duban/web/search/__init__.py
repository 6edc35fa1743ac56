"""Chinese full-text search over task targets and every period's reports, across plans and years."""
