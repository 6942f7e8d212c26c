"""STAGE 6: across articles — near-duplicates, incidents, independent origins."""
