"""The period lifecycle: closing a period and starting the next one.

`close_period` drafts a retrospective (`retros/<period>/<unit>.md`, `status: draft`) for every
unit that has objectives in the period and no retrospective yet, prefilled with the computed
scores and with suggestions from the period's check-ins, for the team to edit in a pull request.

`start_period` copies what the period's retrospectives mark `carry_forward: continue` into the
next period (`okrs/<next>/<unit>/<slug>.md`): each key result starts from its last value, due
dates move into the new period, and alignments are kept only when their target exists there.

Both only ever create files: nothing existing is overwritten and nothing of the old period is
touched. docs/lifecycle.md explains the rhythm and every decision.
"""

from .carry import carried_objective, start_period
from .close import close_period, retro_stub
from .common import Outcome, PeriodError, echo_outcome

__all__ = ["Outcome", "PeriodError", "carried_objective", "close_period", "echo_outcome", "retro_stub",
           "start_period"]
