"""The CLI's commands: each parses options, calls the library, renders, returns a code."""
