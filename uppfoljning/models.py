"""Participant follow-up (aggregate counts only). Filled in by the uppföljning issue."""
