"""Domain-level database errors raised by repositories."""


class ConstraintViolation(Exception):
    """A row broke a constraint the schema enforces."""


class PartnershipConflict(ConstraintViolation):
    """One of the two users already has an active partnership."""
