"""One module per study: the tables and findings its notebook shows and its test asserts."""
