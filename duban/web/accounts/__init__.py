"""Who a user is in an organization: the office, a unit's reporter or a leader."""
