"""Settings: the running configuration as an admin sees it (``pages``)."""
