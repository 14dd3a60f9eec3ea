"""The demo accounts (seed/demo.py, password `demo`), one per role."""

from models.enums import Role

ACCOUNTS = {
    Role.ADMIN: "admin",
    Role.READER: "ks",
    Role.POLICE: "polis",
    Role.COORDINATOR: "norrainnerstaden",
}
