"""Who may do what with reporting periods.

Everyone in the organisation sees the periods. The kvalitetsstrateg opens, closes and
locks them and is the only one who may reopen a closed period, citing a decision.
"""

from __future__ import annotations

from redthread.core.rulebook import add_perm
from redthread.organisation.predicates import is_internal, is_quality_strategist, is_writer

add_perm("cycle.view_reportingperiod", is_internal)
add_perm("cycle.add_reportingperiod", is_writer & is_quality_strategist)
add_perm("cycle.change_reportingperiod", is_writer & is_quality_strategist)
add_perm("cycle.delete_reportingperiod", is_writer & is_quality_strategist)
