"""Widgets the pages are made of: question cards, code choosers, fields, bars."""
