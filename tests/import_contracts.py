"""import-linter contract types of our own (registered in pyproject.toml).

`allow_list`: the modules under `source_modules` import only the standard library, their
own package and the third-party packages named in `allowed_modules`. import-linter's own
`forbidden` type is a block list, which quietly lets in every library nobody thought to
name; the domain must stay pure as libraries are added, so it is checked the other way.
"""

from __future__ import annotations

import sys

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


class AllowListContract(Contract):
    type_name = "allow_list"

    source_modules = fields.ListField(subfield=fields.StringField())
    allowed_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        allowed = set(self.allowed_modules) | set(sys.stdlib_module_names)
        found: list[tuple[str, str]] = []
        for source in self.source_modules:
            modules = {source} | graph.find_descendants(source)
            for module in sorted(modules):
                for imported in sorted(graph.find_modules_directly_imported_by(module)):
                    top = imported.split(".")[0]
                    inside = any(imported == s or imported.startswith(s + ".")
                                 for s in self.source_modules)
                    if not inside and top not in allowed and imported not in allowed:
                        found.append((module, imported))
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, imported in check.metadata["found"]:
            output.print_error(f"{module} imports {imported}, which is not on the allow-list.")
            output.new_line()
