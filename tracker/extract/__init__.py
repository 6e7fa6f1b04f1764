"""Extraction rules: policy text in, PolicyRecords out. Pure: no I/O, no SQLAlchemy, no clock."""

from tracker.extract.pipeline import Extraction, Problem, detect_language, extract_policies

__all__ = ["Extraction", "Problem", "detect_language", "extract_policies"]
