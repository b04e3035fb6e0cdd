"""People: sign-in and sign-out (``login``), accounts for admins (``pages``) and personal
API tokens (``tokens``).
"""
