"""The scheduler: jobs that ask the reminder tables what is due as of now, and the runner that calls them."""
