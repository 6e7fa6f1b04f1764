"""Jinja2 templates for digest emails; shipped inside the package as tracker._templates."""
