"""Pages of the window: the start page, About, each section, completion, export."""
