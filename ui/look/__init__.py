"""How the app looks: the proxy style, palette and fonts, zoom, fitting the screen."""
