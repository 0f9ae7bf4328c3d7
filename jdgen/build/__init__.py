"""Building: which roles to render, in which processes, and writing what they render."""
