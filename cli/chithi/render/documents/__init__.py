"""Documents a person sends on: HTML and Markdown, with their charts."""
