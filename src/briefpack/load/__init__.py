"""Stage 1: read the organiser's files into plain data, remembering where every value came from."""
