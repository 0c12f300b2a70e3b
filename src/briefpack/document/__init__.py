"""Between stages 3 and 5: the format-neutral model composers build (blocks, contacts, records),
and stage 4, the resolve step (`resolve.py`) that computes once what every renderer needs."""
