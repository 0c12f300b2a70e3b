"""Stage 5: one renderer per output format, looked up by name (`registry.py`); document formats
are translators with one method per block type (`translator.py`)."""
