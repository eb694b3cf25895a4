"""CI check of an executed notebook (run with Debian's /usr/bin/python3, which has nbformat).

    check_notebook.py EXECUTED [COMMITTED]
    check_notebook.py --compile-only NOTEBOOK

Fails when a cell raised, when a cell tagged 'chart' has no image/png output, or, given the committed copy, when
the committed outputs are not those of this execution (text compared exactly, charts by count): committed outputs
must come from a real execution of the current code on the current sample.

--compile-only is for a notebook that cannot run here (the PySpark one): every code cell must compile, and every
name it imports from the shared chart module must exist there.
"""
import ast
import importlib
import os
import sys

import nbformat


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def pngs(cell):
    return sum(1 for output in cell.outputs if "image/png" in output.get("data", {}))


def texts(cell):
    """What a reader sees of a cell's outputs as text, in order."""
    seen = []
    for output in cell.outputs:
        if output.output_type == "stream":
            seen.append((output.name, output.text))
        elif output.output_type in ("execute_result", "display_data"):
            seen.append(("text/plain", output.get("data", {}).get("text/plain", "")))
        elif output.output_type == "error":
            seen.append(("error", output.ename))
    return seen


def main(executed_path, committed_path=None):
    executed = nbformat.read(executed_path, as_version=4)
    nbformat.validate(executed)
    problems = []
    for index, cell in enumerate(code_cells(executed)):
        for output in cell.outputs:
            if output.output_type == "error":
                problems.append(f"code cell {index} raised {output.ename}: {output.evalue}")
    charts = [cell for cell in code_cells(executed) if "chart" in cell.metadata.get("tags", [])]
    if not charts:
        problems.append("no cell is tagged 'chart'")
    for cell in charts:
        if pngs(cell) < 1:
            problems.append(f"chart cell without an image/png output: {cell.source.splitlines()[0]}")
    if committed_path:
        committed = nbformat.read(committed_path, as_version=4)
        pairs = list(zip(code_cells(committed), code_cells(executed)))
        if len(code_cells(committed)) != len(code_cells(executed)):
            problems.append("the committed notebook has another number of code cells than the executed one")
        for index, (old, new) in enumerate(pairs):
            if texts(old) != texts(new) or pngs(old) != pngs(new):
                problems.append(f"code cell {index} ({old.source.splitlines()[0] if old.source else ''}): the "
                                "committed outputs differ from this execution's")
        if any("committed" in problem for problem in problems):
            problems.append(f"refresh {committed_path} with scripts/notebooks (after scripts/pipeline run) and "
                            "commit it")
    if problems:
        for problem in problems:
            print(f"notebook check: {problem}", file=sys.stderr)
        return 1
    print(f"notebook check: {executed_path} ran without error and holds {sum(pngs(cell) for cell in charts)} "
          f"charts in {len(charts)} chart cells" + (f"; {committed_path} holds its outputs" if committed_path else ""))
    return 0


def compile_only(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    problems = []
    for index, cell in enumerate(code_cells(notebook)):
        try:
            tree = ast.parse(cell.source, filename=f"{path} code cell {index}")
        except SyntaxError as error:
            problems.append(f"code cell {index} does not compile: {error}")
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "outsourcing_charts":
                module = importlib.import_module(node.module)
                problems += [f"code cell {index} imports {alias.name}, which outsourcing_charts.py does not define"
                             for alias in node.names if not hasattr(module, alias.name)]
    for problem in problems:
        print(f"notebook check: {problem}", file=sys.stderr)
    if not problems:
        print(f"notebook check: every code cell of {path} compiles")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--compile-only":
        sys.exit(compile_only(sys.argv[2]))
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
