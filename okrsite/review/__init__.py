"""Reviewing a change: `okrsite diff` (what a pull request does to the OKRs) and `okrsite remind`
(who owes a check-in). Both read the organization through resolve/ and judge it with scoring/;
nothing here re-derives a progress, a status or a staleness rule."""
