"""The format-neutral document model shared by composers and renderers."""
