"""Stage 6: plan the products x formats of a pack, render them in parallel, preflight, write safely."""
