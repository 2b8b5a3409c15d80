"""State shared by the parts of the code generator, and the typed code fragment each expression becomes.

Every expression compiles to a :class:`Code`: its JavaScript and what MVEL's compiler knows
about it, the node's static ("egress") type. MVEL keeps two views of that type: the node's
``egressType`` field and its ``getEgressType()`` method. They differ for the int-optimized
operations (``IntAdd`` ... answer ``Integer`` but leave the field empty), and MVEL reads one or
the other depending on the place, so :class:`Code` carries both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from tbkit.converters.tbel import nodes as n
from tbkit.converters.tbel.folding import JValue, Op
from tbkit.converters.tbel.imports import TBUTILS_IMPORTS
from tbkit.converters.tbel.jtypes import JType
from tbkit.converters.tbel.scope import Scope
from tbkit.converters.tbel.typeparams import LastTypeParameters
from tbkit.errors import ConverterCompileError

__all__ = ["Code", "GenBase", "ident", "js_str"]

_SAFE = {
    JType.STRING,
    JType.BOOLEAN,
    JType.BOOLEAN_P,
    JType.CHAR_P,
    JType.CHARACTER,
    JType.NULL,
    JType.MAP,
    JType.EXEC_MAP,
    JType.ARRAY_LIST,
    JType.EXEC_LIST,
    JType.DATE,
    JType.BYTE_ARRAY,
}

_JS_RESERVED = set(
    """arguments await case catch class const debugger default delete enum eval export extends finally function
    implements import in interface let package private protected public static super this try typeof undefined void
    with yield NaN Infinity Object Array Map Number Symbol Error JSON Math Date String Boolean __tbel $""".split()
)


def ident(name: str) -> str:
    """A TBEL identifier as a safe JS identifier.

    A variable named like a TbUtils import gets a name of its own that reads never use: MVEL
    resolves every read of that name to the import.
    """
    if name in TBUTILS_IMPORTS:
        return name + "$i"
    return name + "$" if name in _JS_RESERVED or "$" in name else name


def js_str(text: str) -> str:
    """A JS string literal."""
    return json.dumps(text)


@dataclass(frozen=True)
class Code:
    """An expression compiled: ``js`` and MVEL's view of it.

    ``field`` is the node's ``egressType`` field (None when MVEL leaves it empty); ``int_opt``
    marks an ``IntAdd``/``IntSub``/``IntMult``/``IntDiv`` node, whose ``getEgressType()`` is
    ``Integer`` whatever the field says; ``const`` is the value of a literal (after MVEL's
    compile-time reduction).
    """

    js: str
    field: JType | None = JType.OBJECT
    int_opt: bool = False
    const: JValue | None = None
    pure_bool: bool = False  # the JS always gives a JS boolean (a comparison, &&, ||, !)
    tail: JType | None = None  # with tail_set: the type of the expression's last token (see tail_type)
    tail_set: bool = False
    exact: bool = True  # False when the value may be of another class than the static type says (list + 1)

    @property
    def egress(self) -> JType | None:
        """``getEgressType()``."""
        return JType.INTEGER if self.int_opt else self.field

    @property
    def tail_type(self) -> JType | None:
        """The type of the last token of the expression: what MVEL records for an expression it does not
        reduce to one node (a ternary's type is the type of its else branch's last operand)."""
        return self.tail if self.tail_set else self.egress

    @property
    def known(self) -> JType:
        """The static type as a variable or an argument records it (an empty type is ``Object``)."""
        t = self.egress
        return JType.OBJECT if t is None else t


class GenBase:
    """Output buffer, scopes and names; the expression and statement halves extend it."""

    def __init__(self, functions: set[str], function_name: str) -> None:
        self.parts: list[str] = []
        self.line = 1
        self.functions = functions
        self.scope = Scope(None)
        self.renames: dict[str, str] = {}
        self.counter = 0
        self.defined: set[str] = set()
        self.holes: set[str] = set()
        self.sites: list[str] = []
        self.sites_name = function_name + "$k"
        # MVEL's variable table of the current compile context: the static type of each variable
        self.vtypes: dict[str, JType] = {}
        # in a function body: each variable's class as PropertyVerifier knows it (the class of its first value)
        self.verifier_types: dict[str, JType] = {}
        self.in_function = False
        self.top_scope = self.scope
        # item variables of the foreach loops around the current point of the current function
        self.foreach_items: list[str] = []
        self.while_depth = 0
        self.while_locals: set[str] = set()
        self.params: set[str] = set()  # parameters of the function being compiled
        # top-level variables compiled so far, and those a function being compiled sees as the script's
        self.top_names: set[str] = set()
        self.globals_seen: set[str] = set()
        # runs of operators after literal reduction, by their top node
        self.runs: dict[n.Binary, list[JValue | Op | n.Expr]] = {}
        # the type arguments MVEL's compiler carries from a generic method result to a later property
        self.ltp = LastTypeParameters()

    # ---- output ----
    def at(self, line: int) -> None:
        """Move the output to TBEL line ``line`` (JS line N is TBEL line N)."""
        if line > self.line:
            self.parts.append("\n" * (line - self.line))
            self.line = line

    def w(self, text: str) -> None:
        """Write JS text."""
        self.parts.append(text)

    def site(self, literal: str) -> str:
        """A per-call-site object that lives as long as the compiled script (MVEL caches choices per node)."""
        self.sites.append(literal)
        return f"{self.sites_name}[{len(self.sites) - 1}]"

    def error(self, message: str, node: n.Node) -> ConverterCompileError:
        """A compile error at ``node``."""
        return ConverterCompileError(message, line=node.line, column=node.col)

    def eager_error(self, message: str, node: n.Node) -> ConverterCompileError:
        """A compile error at ``node`` that fails the script even in a call's arguments (see ``call_args``)."""
        exc = self.error(message, node)
        exc.eager = True  # type: ignore[attr-defined]
        return exc

    # ---- names ----
    def js_name(self, name: str) -> str:
        """JS identifier of a TBEL variable at the current point of the function."""
        return self.renames.get(name) or ident(name)

    def global_in_function(self, name: str) -> bool:
        """A name a function declares or assigns that is a top-level variable compiled before the function (MVEL
        gives the function those as inputs, so the name means that variable)."""
        return self.in_function and name not in self.params and name in self.globals_seen

    def note_variable(self, name: str) -> None:
        """A variable declared or assigned at the top level, in compile order."""
        if not self.in_function:
            self.top_names.add(name)

    def local(self, name: str) -> str:
        """Declare ``name`` in the current function from this point on.

        TBEL's ``var`` is not hoisted: before the declaration the name still means the
        enclosing function's variable, so a shadowing declaration gets a fresh JS name.
        """
        parent = self.scope.parent
        if parent is not None and parent.sees(name) and name not in self.renames:
            self.counter += 1
            self.renames[name] = f"{name}$v{self.counter}"
        return self.js_name(name)

    def record_type(self, name: str, jtype: JType | None, typed_decl: bool = False) -> None:
        """``ParserContext.addVariable``: the first assignment fixes a variable's static type.

        Inside a function only typed declarations (``int x = ...``) are typed; there MVEL
        resolves other variables as untyped inputs. A typed declaration replaces the type.
        """
        self.note_variable(name)
        if self.in_function and name not in self.verifier_types:
            self.verifier_types[name] = jtype or JType.OBJECT
        if self.in_function and not typed_decl:
            return
        if typed_decl:
            self.vtypes[name] = jtype or JType.OBJECT
        elif name not in self.vtypes:
            self.vtypes[name] = jtype or JType.OBJECT

    def var_type(self, name: str) -> JType:
        """The static type of a variable (``Object`` when MVEL does not know it)."""
        return self.vtypes.get(name, JType.OBJECT)

    def expr(self, e: n.Expr) -> Code:
        """Compile an expression (implemented by :class:`.exprgen.ExprGen`)."""
        raise NotImplementedError

    @staticmethod
    def stored(c: Code, into_variable: bool) -> str:
        """JS of a value stored in a variable or collection, checked as ThingsBoard's ExecutionContext checks it
        (unsupported classes fail; a variable turns an array of objects into a list); known-safe types skip it."""
        t = c.egress
        if c.exact and t is not None and (t.boxed.is_numeric or t in _SAFE):
            return c.js
        return f"$.{'v' if into_variable else 'ck'}({c.js})"
