"""A user together with their preferences: enough to address them in their language."""

from __future__ import annotations

from dataclasses import dataclass

from db.repositories.settings import UserSettings
from db.repositories.users import User


@dataclass(frozen=True)
class Person:
    user: User
    settings: UserSettings
