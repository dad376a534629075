"""Creates the application's database role and gives it only what the web and worker processes need.

Run as the owner of the tables (the role that runs migrations), after every ``migrate``: it is safe to
run again. The application role reads and writes rows, but cannot alter or drop tables or triggers (only
an owner can), and cannot UPDATE, DELETE or TRUNCATE audit events. Default privileges give it the same
rights on tables that later migrations create, so a new table never needs a grant by hand.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

AUDIT_TABLE = "recovery_portal_auditevent"


class Command(BaseCommand):
    help = "Create or update the application's least-privilege database role and its grants."

    def add_arguments(self, parser):
        parser.add_argument(
            "--role",
            default=settings.DATABASE_APP_ROLE,
            help="Name of the application role (DATABASE_APP_ROLE).",
        )

    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Database roles exist on PostgreSQL only.")
        password = settings.DATABASE_APP_PASSWORD
        quote = connection.ops.quote_name
        app = quote(role)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_database()")
            owner, database = cursor.fetchone()
            if owner == role:
                raise CommandError("Run this as the owner of the tables, not as the application role.")
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            verb = "ALTER" if cursor.fetchone() else "CREATE"
            if password:
                cursor.execute(
                    f"{verb} ROLE {app} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %s",
                    [password],
                )
            else:
                cursor.execute(f"{verb} ROLE {app} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
            for statement in [
                f"GRANT CONNECT ON DATABASE {quote(database)} TO {app}",
                f"GRANT USAGE ON SCHEMA public TO {app}",
                f"REVOKE CREATE ON SCHEMA public FROM {app}",
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
                f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
                # Tables and sequences the owner creates later (new migrations) get the same rights.
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {quote(owner)} IN SCHEMA public "
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {quote(owner)} IN SCHEMA public "
                f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
                # The audit trail is append-only for the application, whatever the trigger's fate.
                f"REVOKE UPDATE, DELETE, TRUNCATE ON {quote(AUDIT_TABLE)} FROM {app}",
            ]:
                cursor.execute(statement)
        self.stdout.write(
            f"Role {role} can read and write the tables of {database}; audit events are append-only."
        )
