"""Scoring: every number and judgement the site shows, each rule in one module.

bands (success line, colour bands, rounding), pace (check-in window, pace line, milestone
share), staleness, brackets (commit/stretch), progress (progress, score, status) and retro
(retrospective aggregates).
"""
