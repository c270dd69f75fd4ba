"""Views over one PlanDiff: terminal, Markdown, JSON."""
