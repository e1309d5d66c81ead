"""The code's layers, read from its imports.

`people` is the lower layer (who held which office); `events` builds on it. No module imports another
that imports it back, directly or around a longer circle, whether the import is at the top of the
module or inside a function.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("events", "people")


def sources(root=ROOT, packages=PACKAGES):
    """Every module of the packages, by dotted name, with its source text."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path.read_text(encoding="utf-8")
    return found


def is_package(name, modules):
    return any(other.startswith(name + ".") for other in modules)


def imported_names(name, source, modules):
    """The dotted names a module imports anywhere in its body (top level, functions, methods)."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name if is_package(name, modules) else name.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}" if base else package
            for alias in node.names:
                # `from events import search` imports the module events.search; `from events.models import Meeting`
                # imports events.models.
                names.append(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return names


def import_graph(modules):
    """Module → the modules of the same packages it imports (the nearest module a dotted name falls in)."""
    graph = {}
    for name, source in modules.items():
        edges = set()
        for imported in imported_names(name, source, modules):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                edges.add(imported)
        graph[name] = edges
    return graph


def circles(graph):
    """The groups of modules that reach each other through their imports (strongly connected components)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def describe(group, graph):
    members = set(group)
    return "; ".join(f"{name} → {', '.join(sorted(graph[name] & members))}" for name in group)


def test_no_module_of_events_or_people_imports_one_that_imports_it_back():
    graph = import_graph(sources())
    found = circles(graph)
    assert not found, "import circles:\n" + "\n".join(describe(group, graph) for group in found)


def test_people_never_imports_events():
    modules = sources()
    offending = {
        name: sorted(
            imported for imported in imported_names(name, source, modules) if imported.split(".")[0] == "events"
        )
        for name, source in modules.items()
        if name.split(".")[0] == "people"
    }
    assert not {name: found for name, found in offending.items() if found}


# The parts of events by the way data flows, and which others each may import (besides people and itself): the
# core is the data and what is kept in step with it; ingest writes into it; the site, the exports and the editors'
# tools read it. The wiring (the app's configuration, admin.py, the urls, management commands) may import any part.
ALLOWED = {
    "core": set(),
    "ingest": {"core"},
    "exports": {"core"},
    "site": {"core", "exports"},  # the download links stream the exports
    "editorial": {"core", "ingest", "site"},  # the import preview marks quotes as the source page does
}
WIRING = {"events.apps", "events.admin", "events.urls", "events.people_urls", "events.management"}


def part_of(module):
    parts = module.split(".")
    if ".".join(parts[:2]) in WIRING:
        return "wiring"
    if len(parts) > 1 and parts[1] in ALLOWED:
        return parts[1]
    return "site" if parts[1:2] == ["templatetags"] else "core"


def test_each_part_of_events_imports_only_the_parts_below_it():
    graph = import_graph(sources())
    crossing = sorted(
        f"{name} → {imported}"
        for name, imports in graph.items()
        for imported in imports
        if name.startswith("events")
        and imported.startswith("events")
        and part_of(name) not in ("wiring", part_of(imported))
        and part_of(imported) not in ALLOWED[part_of(name)]
    )
    assert not crossing, "imports against the flow:\n" + "\n".join(crossing)


def test_the_readme_map_names_every_module_and_folder_of_events():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    events = ROOT / "events"
    folders = [p for p in events.iterdir() if p.is_dir() and p.name != "__pycache__"]
    modules = [p for p in events.glob("*.py") if p.name != "__init__.py"]
    for part in ("site", "exports", "editorial"):
        modules += [p for p in (events / part).glob("*.py") if p.name != "__init__.py"]
    missing = [f"{p.name}/" for p in folders if f"{p.name}/" not in section]
    missing += [p.name for p in modules if p.name not in section and p.stem not in section.split()]
    assert not missing


def test_the_walk_finds_a_circle_closed_by_an_import_inside_a_function():
    modules = {
        "shop": "",
        "shop.models": "from shop.text import clean\n\ndef f():\n    from shop import search\n",
        "shop.search": "from shop.models import Item\n",
        "shop.text": "import re\n",
    }
    graph = import_graph(modules)
    assert graph["shop.models"] == {"shop.text", "shop.search"}
    assert circles(graph) == [["shop.models", "shop.search"]]
    assert circles({**graph, "shop.models": {"shop.text"}}) == []


def test_the_walk_reads_relative_imports_and_submodules_named_in_a_from_import():
    modules = {
        "shop": "",
        "shop.site": "",
        "shop.site.views": "from . import charts\nfrom ..models import Item\n",
        "shop.site.charts": "",
        "shop.models": "",
    }
    assert import_graph(modules)["shop.site.views"] == {"shop.site.charts", "shop.models"}
