"""Stage 5: plan the products x formats of a pack, render them, and write them safely."""
