"""`python -m tests.scheduler_main scheduler run ...`: the tracker CLI with the reminders stand-in installed."""

from tests.scheduler_fake_reminders import install

install()

from tracker.cli.app import main  # noqa: E402  (after install, so the CLI finds the service)

main()
