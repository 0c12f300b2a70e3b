"""Stage 2: typed models of an event, and the checks that tie its parts together."""
