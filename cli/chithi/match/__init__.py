"""Narrative text to detections: phrases, the matcher, the learned reader, the combined reader."""
