"""Private helpers of :mod:`kindling.sql`'s types, columns and functions (errors, DDL parsing, formatting)."""
