"""STAGE 1: paths, folders and stdin → RawInput (one per article).

Errors for one input are yielded as InputError values, so that a batch goes on past them.
"""

from .files import iter_inputs, read_bytes_input

__all__ = ["iter_inputs", "read_bytes_input"]
