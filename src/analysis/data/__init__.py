"""Load and validate the transcribed summary data in ``data/`` (see ``data/README.md``).

``from analysis import data`` then ``data.reported("kleiter2012")``: the loaders of
:mod:`~analysis.data.load`, the schemas of :mod:`~analysis.data.schemas` and the
checksum manifest of :mod:`~analysis.data.manifest`, under one name.
"""

from analysis.data.load import (
    DataError,
    Reported,
    load_bibliography,
    load_claims,
    load_not_reported,
    load_patients,
    load_values,
    reported,
    source_ids,
    studies,
)
from analysis.data.manifest import MANIFEST, check_all, data_files, verify_manifest, write_manifest
from analysis.data.schemas import COUNT_UNITS, MEASURE_UNITS, STATUSES, UNITS

__all__ = [
    "COUNT_UNITS", "MANIFEST", "MEASURE_UNITS", "STATUSES", "UNITS", "DataError", "Reported", "check_all",
    "data_files", "load_bibliography", "load_claims",
    "load_not_reported", "load_patients", "load_values", "reported", "source_ids", "studies",
    "verify_manifest", "write_manifest",
]
