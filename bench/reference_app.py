"""The reference: a minimal Typer + Rich app printing a two-row table (what any Typer CLI costs)."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main() -> None:
    table = Table("Body", "Opens")
    table.add_row("CPPCC committee", "2026-01-27")
    table.add_row("People's Congress", "2026-01-28")
    Console().print(table)


if __name__ == "__main__":
    app()
