"""`python -m tui` and the `spbe-planner` console script."""

import sys


def main() -> None:
    from tui.startup import hold_collection

    hold_collection()  # resumed once the first screen is up, or before a subcommand runs
    from tui.cli.main import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
