"""The audit log dialog shows entries to directors and a refusal to anyone else."""

from __future__ import annotations

from famdesk.domain import records as r
from famdesk.domain.roles import COMMAND_LINE, Actor, Role
from famdesk.gui.dialogs.audit_log import AuditLogDialog
from famdesk.services import families


def test_director_sees_entries_office_is_refused(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    fid = families.add_family(sqlite_ctx, r.FamilyDetail(r.Family(name="A"), [r.Caregiver(first_name="B")])).family.id
    families.get_family(sqlite_ctx.as_actor(COMMAND_LINE), fid)
    dialog = AuditLogDialog(sqlite_ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.item(0, c).text() for c in (2, 3, 4, 5)] == ["command line", "read", "family", str(fid)]
    dialog.grab().save("/tmp/famdesk_audit_log.png")
    refused = AuditLogDialog(sqlite_ctx.as_actor(Actor(Role.OFFICE)))
    qtbot.addWidget(refused)
    assert refused.table.isHidden() and "may not see the audit log" in refused.message.text()
