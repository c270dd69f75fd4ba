"""`python -m plandiff`: the same entry point as the `plandiff` command."""

from plandiff.cli.main import main

if __name__ == "__main__":
    main()
