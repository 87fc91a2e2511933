"""The commands, one module per group: each command gets its arguments parsed (``arguments``),
asks one lookup and ends in one call to ``present``.

Importing this package registers every command with the app; the order of these imports is the
order of the help, so they are kept as written.
"""

# ruff: noqa: I001, F401
import twosessions_cli.commands.calendar
import twosessions_cli.commands.topics
import twosessions_cli.commands.records
import twosessions_cli.commands.data_folder
