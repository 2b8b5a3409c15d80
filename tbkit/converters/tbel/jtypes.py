"""Java classes as MVEL's compiler sees them: the static ("egress") types of TBEL expressions.

MVEL types an expression by its Java class at compile time. The class decides how an operator
runs: ``int`` (the primitive, say from ``int x`` or a method returning ``int``) and ``Integer``
(an int literal, ``var x = 0``) are different types to MVEL and give different results (see
:mod:`.mathops`). :class:`JType` names every class the compiler reasons about; ``OTHER`` stands
for a class it does not model.

>>> JType.INT.code, JType.INTEGER.code
(101, 106)
>>> JType.INT.boxed is JType.INTEGER
True
"""

from __future__ import annotations

from enum import Enum

__all__ = ["JType", "NUMERIC_RANK", "by_java_name", "declared_type"]


class JType(Enum):
    """A Java class; the value is its ``Class.getName()``."""

    OBJECT = "java.lang.Object"
    NULL = "org.mvel2.util.NullType"
    VOID = "void"
    BOOLEAN_P = "boolean"
    BOOLEAN = "java.lang.Boolean"
    BYTE_P = "byte"
    BYTE = "java.lang.Byte"
    SHORT_P = "short"
    SHORT = "java.lang.Short"
    CHAR_P = "char"
    CHARACTER = "java.lang.Character"
    INT = "int"
    INTEGER = "java.lang.Integer"
    LONG_P = "long"
    LONG = "java.lang.Long"
    FLOAT_P = "float"
    FLOAT = "java.lang.Float"
    DOUBLE_P = "double"
    DOUBLE = "java.lang.Double"
    BIG_DECIMAL = "java.math.BigDecimal"
    BIG_INTEGER = "java.math.BigInteger"
    NUMBER = "java.lang.Number"
    STRING = "java.lang.String"
    CHAR_SEQUENCE = "java.lang.CharSequence"
    COLLECTION = "java.util.Collection"
    LIST = "java.util.List"
    ARRAY_LIST = "java.util.ArrayList"
    EXEC_LIST = "org.mvel2.execution.ExecutionArrayList"
    MAP = "java.util.Map"
    EXEC_MAP = "org.mvel2.execution.ExecutionHashMap"
    SET = "java.util.Set"
    EXEC_SET = "org.mvel2.execution.ExecutionLinkedHashSet"
    ENTRY = "org.mvel2.execution.ExecutionEntry"
    DATE = "org.thingsboard.script.api.tbel.TbDate"
    BYTE_ARRAY = "[B"
    INT_ARRAY = "[I"
    LONG_ARRAY = "[J"
    SHORT_ARRAY = "[S"
    FLOAT_ARRAY = "[F"
    DOUBLE_ARRAY = "[D"
    CHAR_ARRAY = "[C"
    BOOLEAN_ARRAY = "[Z"
    STRING_ARRAY = "[Ljava.lang.String;"
    OBJECT_ARRAY = "[Ljava.lang.Object;"
    CLASS = "java.lang.Class"
    BLANK = "org.mvel2.compiler.BlankLiteral"
    OTHER = "?"

    @property
    def code(self) -> int:
        """MVEL's ``DataTypes`` code (``ParseTools.__resolveType``); 0 is OBJECT, 50 a collection."""
        return _CODES.get(self, 50 if self in _COLLECTIONS else 0)

    @property
    def boxed(self) -> JType:
        """The wrapper class of a primitive; other classes are returned unchanged."""
        return _BOX.get(self, self)

    @property
    def unboxed(self) -> JType:
        """The primitive of a wrapper class; other classes are returned unchanged."""
        return _UNBOX.get(self, self)

    @property
    def is_primitive(self) -> bool:
        """True for ``int``, ``double``, ... (not for their wrappers)."""
        return self in _BOX

    @property
    def is_numeric(self) -> bool:
        """A number class or primitive (``ParseTools.isNumeric``)."""
        return self.boxed in NUMERIC_RANK or self in (JType.NUMBER, JType.BIG_DECIMAL, JType.BIG_INTEGER)

    @property
    def is_array(self) -> bool:
        """A Java array class."""
        return self.value.startswith("[")

    @property
    def simple_name(self) -> str:
        """``Class.getSimpleName()``-like text for messages."""
        return self.value.rsplit(".", 1)[-1]


_BOX = {
    JType.BOOLEAN_P: JType.BOOLEAN,
    JType.BYTE_P: JType.BYTE,
    JType.SHORT_P: JType.SHORT,
    JType.CHAR_P: JType.CHARACTER,
    JType.INT: JType.INTEGER,
    JType.LONG_P: JType.LONG,
    JType.FLOAT_P: JType.FLOAT,
    JType.DOUBLE_P: JType.DOUBLE,
}
_UNBOX = {v: k for k, v in _BOX.items()}
_CODES = {
    JType.INTEGER: 106,
    JType.DOUBLE: 109,
    JType.BOOLEAN: 15,
    JType.STRING: 1,
    JType.LONG: 107,
    JType.SHORT: 105,
    JType.FLOAT: 108,
    JType.BYTE: 99,
    JType.CHARACTER: 112,
    JType.BIG_DECIMAL: 110,
    JType.BIG_INTEGER: 111,
    JType.INT: 101,
    JType.DOUBLE_P: 103,
    JType.BOOLEAN_P: 7,
    JType.LONG_P: 102,
    JType.SHORT_P: 100,
    JType.FLOAT_P: 104,
    JType.BYTE_P: 9,
    JType.CHAR_P: 8,
    JType.BLANK: 200,
}
_COLLECTIONS = {JType.COLLECTION, JType.LIST, JType.ARRAY_LIST, JType.EXEC_LIST, JType.SET, JType.EXEC_SET}

NUMERIC_RANK: dict[JType, int] = {
    t: _CODES[t] for t in (JType.SHORT, JType.INTEGER, JType.LONG, JType.FLOAT, JType.DOUBLE, JType.BYTE)
}
"""Wrapper classes of the primitive numbers with their codes (MVEL widens to the higher code)."""

_BY_NAME = {t.value: t for t in JType}


def by_java_name(name: str) -> JType:
    """The JType of a ``Class.getName()``, OTHER when the compiler does not model that class."""
    return _BY_NAME.get(name, JType.OTHER)


_DECLARED = {
    "int": JType.INT, "Integer": JType.INTEGER, "long": JType.LONG_P, "Long": JType.LONG, "double": JType.DOUBLE_P,
    "Double": JType.DOUBLE, "float": JType.FLOAT_P, "Float": JType.FLOAT, "short": JType.SHORT_P,
    "Short": JType.SHORT, "byte": JType.BYTE_P, "Byte": JType.BYTE, "char": JType.CHAR_P,
    "Character": JType.CHARACTER, "boolean": JType.BOOLEAN_P, "Boolean": JType.BOOLEAN, "String": JType.STRING,
    "Object": JType.OBJECT, "Number": JType.NUMBER, "CharSequence": JType.CHAR_SEQUENCE, "List": JType.LIST,
    "ArrayList": JType.ARRAY_LIST, "Map": JType.MAP, "HashMap": JType.MAP, "LinkedHashMap": JType.MAP,
    "Set": JType.SET, "Collection": JType.COLLECTION, "Date": JType.DATE, "byte[]": JType.BYTE_ARRAY,
    "int[]": JType.INT_ARRAY, "long[]": JType.LONG_ARRAY, "short[]": JType.SHORT_ARRAY,
    "float[]": JType.FLOAT_ARRAY, "double[]": JType.DOUBLE_ARRAY, "char[]": JType.CHAR_ARRAY,
    "boolean[]": JType.BOOLEAN_ARRAY, "String[]": JType.STRING_ARRAY, "Object[]": JType.OBJECT_ARRAY,
}  # fmt: skip


def declared_type(name: str) -> JType:
    """The class a type name in a declaration or cast denotes (``OTHER`` for a class the compiler does not model)."""
    return _DECLARED.get(name.rsplit(".", 1)[-1] if "[" not in name else name, JType.OTHER)
