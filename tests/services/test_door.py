"""The one door: every public function of famdesk.services declares what it does."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import famdesk.services
from famdesk.domain.errors import PermissionDenied
from famdesk.domain.roles import Action, Kind
from famdesk.services import access, door
from famdesk.services.context import ServiceContext


def _service_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(famdesk.services.__path__, "famdesk.services."):
        if info.name != "famdesk.services.door":  # the door itself
            names.append(info.name)
    return sorted(names)


def _public_functions(module_name: str) -> list[tuple[str, object]]:
    module = importlib.import_module(module_name)
    found = []
    for name, value in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(value):
            continue
        if getattr(value, "__module__", None) != module_name:
            continue  # imported from elsewhere: declared (or not) where it is defined
        found.append((name, value))
    return found


@pytest.mark.parametrize("module_name", _service_modules())
def test_every_public_function_declares_what_it_does(module_name: str) -> None:
    missing = [name for name, fn in _public_functions(module_name) if door.declaration_of(fn) is None]
    assert not missing, f"{module_name}: no @operation/@internal/@pure on {', '.join(missing)}"


@pytest.mark.parametrize("module_name", _service_modules())
def test_entry_points_take_the_context_first(module_name: str) -> None:
    """A function that takes a ServiceContext is an entry point (an @operation), or an @internal helper
    that refuses to run outside an operation; never @pure."""
    wrong = []
    for name, fn in _public_functions(module_name):
        params = list(inspect.signature(inspect.unwrap(fn)).parameters)  # type: ignore[arg-type]
        declared = door.declaration_of(fn)
        if params and params[0] == "ctx" and isinstance(declared, door.Declaration) and declared.what == "pure":
            wrong.append(name)
    assert not wrong, f"{module_name}: takes ctx but is declared @pure: {', '.join(wrong)}"


def test_every_kind_has_a_name_and_a_rule_for_directors() -> None:
    for kind in Kind:
        assert kind in access._KIND_NAMES
        assert access.RULES[access.Role.DIRECTOR][kind] == frozenset(Action)


def test_office_writes_nothing_anywhere() -> None:
    for kind, actions in access.RULES[access.Role.OFFICE].items():
        if kind is Kind.PREFERENCES:
            continue  # their own password and language
        assert not actions & {Action.WRITE, Action.ERASE, Action.EXPORT}, kind


def test_a_context_without_an_actor_cannot_call_a_service(opened) -> None:  # type: ignore[no-untyped-def]
    from famdesk.services import families

    nobody = ServiceContext(opened.ctx.db)
    with pytest.raises(PermissionDenied, match="signed in"):
        families.count_families(nobody)


def test_an_internal_helper_taking_the_context_refuses_to_run_outside_an_operation(opened) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError, match="@operation"):
        access.check_and_record(opened.ctx, Kind.FAMILY, Action.PRINT, family_id=1)


@pytest.mark.parametrize("module_name", _service_modules())
def test_operations_on_family_kinds_say_how_the_family_is_found(module_name: str) -> None:
    """On a kind limited to a worker's own families, an operation without a family spec would let a
    scoped role past the door unchecked: it must name the family (Arg, Row…) or narrow its lists (LISTED)."""
    unscoped = [name for name, fn in _public_functions(module_name)
                if isinstance(op := door.declaration_of(fn), door.Operation)
                and op.kind in access.FAMILY_KINDS and op.family is None]
    assert not unscoped, f"{module_name}: no family= on {', '.join(unscoped)}"
