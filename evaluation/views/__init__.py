"""Pages of the outcome and experience measures: thin views over selectors and services."""
