"""Extraction: triggers, modality, actors, places, dates, numbers, events."""
