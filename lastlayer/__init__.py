"""Shared code of the site: the maths, the worked examples, the figure style and the build
machinery that MkDocs hooks, scripts and tests call."""
