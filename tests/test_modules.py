"""Which analysis modules a piece of code imports (analysis.pipeline.modules), read from its
tree: imports at the top and in every kind of block, and nothing an expression holds."""

import ast
import textwrap

from analysis.pipeline import modules

NESTED = textwrap.dedent("""
    import analysis.a
    from analysis import b
    from . import sibling
    def f():
        import analysis.in_function
    class C:
        def m(self):
            from analysis.in_method import x
    if True:
        import analysis.in_if
    else:
        import analysis.in_else
    for _ in ():
        import analysis.in_for
    while False:
        import analysis.in_while
    with open("f") as h:
        import analysis.in_with
    try:
        import analysis.in_try
    except ImportError:
        import analysis.in_except
    else:
        import analysis.in_try_else
    finally:
        import analysis.in_finally
    match 1:
        case 1:
            import analysis.in_case
    async def g():
        async with h:
            import analysis.in_async_with
    text = "import analysis.in_a_string"
    call = __import__("analysis.by_call")
    import numpy
""")


def test_imports_are_found_in_every_kind_of_block_and_only_there():
    found = modules.imported(ast.parse(NESTED), "analysis.pkg.mod", False)
    expected = {"analysis.a", "analysis", "analysis.b", "analysis.pkg", "analysis.pkg.sibling",
                "analysis.in_method", "analysis.in_method.x"}
    expected |= {f"analysis.in_{where}" for where in (
        "function", "if", "else", "for", "while", "with", "try", "except", "try_else",
        "finally", "case", "async_with")}
    assert found == expected


def test_the_same_names_whether_the_tree_is_walked_whole_or_by_its_statements():
    tree = ast.parse(NESTED)
    kinds = (ast.Import, ast.ImportFrom)
    every_node = {ast.dump(n) for n in ast.walk(tree) if isinstance(n, kinds)}
    statements = {ast.dump(n) for n in modules._statements(tree) if isinstance(n, kinds)}
    assert statements == every_node


def test_a_module_is_read_again_when_its_text_changes(tmp_path):
    package = tmp_path / "src" / "analysis"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "one.py").write_text("import analysis.two\n", encoding="utf-8")
    (package / "two.py").write_text("", encoding="utf-8")
    (package / "three.py").write_text("", encoding="utf-8")
    assert modules.closure(tmp_path, {"analysis.one"}) == [
        "src/analysis/__init__.py", "src/analysis/one.py", "src/analysis/two.py"]
    (package / "one.py").write_text("import analysis.three\n", encoding="utf-8")
    assert modules.closure(tmp_path, {"analysis.one"}) == [
        "src/analysis/__init__.py", "src/analysis/one.py", "src/analysis/three.py"]
