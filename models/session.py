"""Server-side login sessions (dashboard/sessions.py): the cookie holds only a signed id."""

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class UserSession(Base):
    """One browser's session. `id` is the SHA-256 of the cookie's id, never the id itself;
    times are epoch seconds, compared as numbers on every database."""

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # No foreign key: a session may be anonymous, and tests keep sessions in a database of
    # their own. A deleted or deactivated user's session is refused by the user loader.
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    data: Mapped[str] = mapped_column(Text)
    created: Mapped[int] = mapped_column(BigInteger, index=True)
    last_seen: Mapped[int] = mapped_column(BigInteger, index=True)
