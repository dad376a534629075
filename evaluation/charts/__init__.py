"""Accessible SVG charts drawn by the portal itself, for web pages and PDFs alike."""
