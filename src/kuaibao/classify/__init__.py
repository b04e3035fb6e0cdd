"""Domains and sections: the taxonomy file, and (later) rules and learned models over it."""
