"""The views people read, one module per kind: each builds a ``Report`` (a listing that CSV and
Markdown can write too) or draws a view of its own on the console."""
