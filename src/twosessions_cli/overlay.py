"""The worked example overlay shipped with the package: where it is, and copying it into a
folder of the user's (``example-overlay FOLDER``). Only that command loads this module."""

from __future__ import annotations

from pathlib import Path

from twosessions_cli.errors import DataError


def example_overlay_dir() -> Path:
    """The worked example overlay shipped with the package (docs/example-overlay in a checkout)."""
    beside = Path(__file__).with_name("example-overlay")
    if beside.is_dir():
        return beside
    checkout = Path(__file__).resolve().parents[2] / "docs" / "example-overlay"
    if checkout.is_dir():
        return checkout
    raise DataError(f"the example overlay is missing beside {__file__}; reinstall twosessions")


def copy_example_overlay(folder: Path) -> list[Path]:
    """Write the example overlay's files into ``folder`` (made if need be); never overwrite."""
    source = example_overlay_dir()
    files = sorted(source.glob("*.json"))
    targets = [folder / f.name for f in files]
    taken = [str(t) for t in targets if t.exists()]
    if taken:
        raise DataError(
            f"{', '.join(taken)} already exists; give an empty or new folder, so that nothing "
            "of yours is overwritten"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for file, target in zip(files, targets, strict=True):
            target.write_bytes(file.read_bytes())
    except OSError as exc:
        raise DataError(f"cannot write into {str(folder)!r}: {exc.strerror or exc}") from None
    return targets
