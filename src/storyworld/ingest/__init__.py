"""STAGE 1: paths, folders, stdin, feeds, WARC and JSONL files, URLs → RawInput (one per article).

Errors for one input are yielded as InputError values, so that a batch goes on past them.
``fetch_policy(allow_private_networks=True)`` (a context manager) governs URL fetches.
"""

from .fetch import FetchPolicy, fetch_policy
from .files import check_paths, count_files, iter_inputs
from .raw import read_bytes_input

__all__ = ["FetchPolicy", "check_paths", "count_files", "fetch_policy", "iter_inputs", "read_bytes_input"]
