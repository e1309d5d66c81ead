"""A lookup for sets that are small next to the table they select from."""

from django.db.models.lookups import In


class InSmallSet(In):
    """``IN (subquery)`` for a subquery that picks few rows, such as one person's meetings.

    PostgreSQL plans ``IN (subquery)`` as a semi-join, and with an ORDER BY and a LIMIT it prefers to walk the
    sorted index and probe the subquery for each row: thousands of probes for someone whose meetings are all long
    ago. ``= ANY(ARRAY(subquery))`` runs the subquery once, then fetches the rows it names by primary key, so the cost
    follows the size of the set, not where its rows sit in the order. SQLite already plans ``IN`` that way.
    """

    lookup_name = "in_small_set"

    def get_rhs_op(self, connection, rhs):
        if connection.vendor == "postgresql" and not self.rhs_is_direct_value():
            return f"= ANY(ARRAY{rhs})"
        return super().get_rhs_op(connection, rhs)
