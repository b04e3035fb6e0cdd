"""The dashboard: what is waiting for the signed-in analyst (``pages``)."""
