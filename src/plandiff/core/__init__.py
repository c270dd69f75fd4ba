"""The pure core: models, resolution, diff, history, checks. No I/O, no typer, no rich."""
