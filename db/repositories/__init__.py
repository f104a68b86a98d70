"""One repository per table; each takes a connection and returns frozen dataclasses."""
