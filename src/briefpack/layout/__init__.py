"""Layouts: page geometry, fonts, colours and named styles, shared by every product."""
