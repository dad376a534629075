"""People who use services and their co-produced plans."""
