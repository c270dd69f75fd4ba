"""The edge that touches files: finding the root, reading YAML located, git, writing."""
