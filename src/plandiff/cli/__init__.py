"""The command line: the typer app, the quick `plandiff A B` path, the entry point."""
