"""`plandiff import`: from a numbered text of a new version to a cited, aligned draft version."""
