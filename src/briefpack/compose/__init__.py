"""Stage 3: one composer per product turns the event into a format-neutral document."""
