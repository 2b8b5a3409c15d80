"""TBEL collections, ported from thingsboard/tbel's TbMapArrayListSetExpressionsTest (ExecutionHashMap,
ExecutionArrayList, ExecutionLinkedHashSet). Inputs and expected values are the tbel test's; Java maps with
int keys come out of a converter with string keys, and key order is checked where the test checks it."""

from __future__ import annotations

from typing import Any

import pytest
from py_mini_racer import JSEvalException

from tests.converters.tbel.docs_io import Invoke

STR = ["Dec", "Feb", "Jan", "March"]
INT = [-214748, 1, 4, 30, 57, 100000, 214748]
LONG = [-9223372036854775808, 30, 40, 45, 1000, 9223372036854775807]
FLOAT = [1.1754943, 3.40282, 34.175495, 45.40283]
DOUBLE = [-922337203685.1754943, 45.40283, 1754.40282, 9223372036854775807.17549467]
MIXED = [1, 5, "8", "9", 40, 200, "700"]
MIXED_STR = [1, 200, 40, 5, "8", "9", "Aabnm", "Babnm", "Zxc"]
MIXED_MAP = '{"Babnm":"thing", 200:2, 40:3, "Zxc":9, 5:"4", "8":5, 1:1, "9":6, "Aabnm":7}'
ARR5 = '["8", 40, 9223372036854775807, "Dec", "-9223372036854775808"]'
ARR5_V = ["8", 40, 9223372036854775807, "Dec", "-9223372036854775808"]
MONTHS4 = '["angel", "clown", "mandarin", "sturgeon"]'

JOIN = (
    'var matrix = [\n[1, [12, 22, "Things2"], 2, "Things"],\n  [4, 5, 6],\n  245, "Test_Join",\n'
    '  [7, "8", [13, [14, 24, "Things4"], 23, "Things3"], 9]%s\n];\n'
    # tbel's four scripts in one; each join outside the returned list, where MVEL cannot call a method of an
    # inline list ("unterminated collection element")
    "var a = [].join();\nvar b = ['hello', 34567].join();\nvar c = ['hello', 34567].join(':');\n"
    "return [a, b, c, matrix.join()];"
)
JOINED = [
    "",
    "hello,34567",
    "hello:34567",
    "1,12,22,Things2,2,Things,4,5,6,245,Test_Join,7,8,13,14,24,Things4,23,Things3,9",
]


SORT_LIST = (
    "var msg = {};\nvar arrayString = ['March', 'Feb', 'Jan', 'Dec'];\narrayString.sort(%(a)s);\n"
    "var arrayInt = [1, 30, 4, -214748, 57, 214748, 100000];\narrayInt.sort(%(a)s);\n"
    "var arrayFloat = [3.40282F, 34.175495F, 45.40283F, 1.1754943F];\narrayFloat.sort(%(a)s);\n"
    'var mixedNumericArray = ["8", "9", "700", 40, 1, 5, 200];\nmixedNumericArray.sort(%(a)s);\n'
    'var mixedNumericString = ["8", "Zxc", "9", \'Babnm\',  40, "Aabnm", 1, 5, 200];\nmixedNumericString.sort(%(a)s);\n'
    "msg.arrayString = arrayString;\nmsg.arrayInt = arrayInt;\nmsg.arrayFloat = arrayFloat;\n"
    "msg.mixedNumericArray = mixedNumericArray;\nmsg.mixedNumericString = mixedNumericString;\nreturn {msg: msg};"
)
SORT_LONG = (
    "var a = [45l, 9223372036854775807l, 30l, 40l,  -9223372036854775808l, 1000l];\na.sort(%(a)s);\n"
    "var d = [45.40283d, -9.223372036851755E11d, 9223372036854775807.17549467d, "
    "1754.40282d];\nd.sort(%(a)s);\nreturn [a, d];"
)
SORT_BY_VALUE = (
    'var v1 = {4:"March", 2:"Feb", 3:"Jan", 1:"Dec"};\nv1.sortByValue(%(a)s);\n'
    "var v2 = {2: 1, 4: 30, 3: 4, 1: -214748, 5: 57, 7: 214748, 6: 100000};\nv2.sortByValue(%(a)s);\n"
    "var v3 = {2:3.40282f, 3:34.175495f, 4:45.40283f, 1:1.1754943f};\nv3.sortByValue(%(a)s);\n"
    'var v4 = {3:"8", 4:"9", 7:"700", 1:1, 5:40, 2:5, 6:200};\nv4.sortByValue(%(a)s);\n'
    'var v5 = {5:"8", 9:"Zxc", 6:"9", 7:"Aabnm", 1:1, 3:40, 8:"Babnm", 4:5, 2:200};\nv5.sortByValue(%(a)s);\n'
    "return [v1.keys(), v1.values(), v2.values(), v3.values(), v4.values(), v5.values()];"
)
SORT_BY_KEY_DESC = (
    'var k1 = {"Feb":2, "March":4, "Dec":1, "Jan":3, "March":4};\nk1.sortByKey(false);\n'
    "var k2 = {1:2, 57:5, 30:4, 214748:7, -214748:1, 4:3, 100000:6};\nk2.sortByKey(false);\n"
    "var k3 = {3.40282f:2, 34.175495f:3, 45.40283f:4, 1.1754943f:1};\nk3.sortByKey(false);\n"
    'var k4 = {"9":4,5:2, "8":3, "700":7, 1:1, 40:5, 200:6};\nk4.sortByKey(false);\n'
    'var k5 = {"Babnm":8, 200:2, 40:3, "Zxc":9, 5:4, "8":5, 1:1, "9":6, "Aabnm":7};\nk5.sortByKey(false);\n'
    "return [k1.keys(), k1.values(), k2.values(), k3.values(), k4.values(), k5.values()];"
)

# name: (TBEL, expected)
CASES: dict[str, tuple[str, Any]] = {
    "hashMapCreate": ("m = {a: 1}; m.a", 1),
    "hashMapCreateEmptyMapAndAssignField": ("m = {}; m.test = 1; m", {"test": 1}),
    "hashMapNonExistentField": ("m = {}; t = m.test; t", None),
    "hashMapToString": (
        "var map = {hello: 'world', testmap: 'toString'};\nreturn '' + map;",
        "{hello=world, testmap=toString}",
    ),
    "hashMapKeys": ("var map = {hello: 'world', testmap: 'toString'};\nreturn map.keys();", ["hello", "testmap"]),
    "hashMapValues": ("var map = {hello: 'world', testmap: 'toString'};\nreturn map.values();", ["world", "toString"]),
    "hashMapSortByValueAsc": (SORT_BY_VALUE % {"a": ""}, [[1, 2, 3, 4], STR, INT, FLOAT, MIXED, MIXED_STR]),
    "hashMapSortByValueDesc": (
        SORT_BY_VALUE % {"a": "false"},
        [[4, 3, 2, 1], STR[::-1], INT[::-1], FLOAT[::-1], MIXED[::-1], MIXED_STR[::-1]],
    ),
    "hashMapSortByKeyDesc": (
        SORT_BY_KEY_DESC,
        [
            STR[::-1],
            [4, 3, 2, 1],
            [7, 6, 5, 4, 3, 2, 1],
            [4, 3, 2, 1],
            [7, 6, 5, 4, 3, 2, 1],
            [9, 8, 7, 6, 5, 4, 3, 2, 1],
        ],
    ),
    "hashMapToSortedByKey": (
        'var k = {"Feb":2, "March":4, "Dec":1, "Jan":3, "March":4};\n'
        "return [k.toSortedByKey().keys(), k.toSortedByKey(false).keys(), k.keys()];",
        [STR, STR[::-1], ["Feb", "March", "Dec", "Jan"]],
    ),
    "hashMap_invert": (
        f"var map = {MIXED_MAP};\nmap.invert();\nreturn [map.keys(), map.values()];",
        [["thing", 2, 3, 9, "4", 5, 1, 6, 7], ["Babnm", 200, 40, "Zxc", 5, "8", 1, "9", "Aabnm"]],
    ),
    "hashMap_invert_KeyToValueMany": (
        'var map = {"Babnm":"thing", 200:2, 40:"thing", "Zxc":9, 5:"4", "8":5, 1:"thing", "9":6, "Aabnm":7};\n'
        "map.invert();\nreturn [map.keys(), map.values()];",
        [["thing", 2, 9, "4", 5, 6, 7], [["Babnm", 40, 1], 200, "Zxc", 5, "8", "9", "Aabnm"]],
    ),
    "hashMap_toInverted": (
        f"var map = {MIXED_MAP};\nvar inv = map.toInverted();\nreturn [inv.keys(), inv.values(), map.keys()];",
        [
            ["thing", 2, 3, 9, "4", 5, 1, 6, 7],
            ["Babnm", 200, 40, "Zxc", 5, "8", 1, "9", "Aabnm"],
            ["Babnm", 200, 40, "Zxc", 5, "8", 1, "9", "Aabnm"],
        ],
    ),
    "hashMap_slice": (
        f"var map = {MIXED_MAP};\nreturn [map.slice().keys(), map.slice(2).keys(), map.slice(2, 4).keys(), "
        "map.slice(-2).keys(), map.slice(2, -1).keys()];",
        [
            ["Babnm", 200, 40, "Zxc", 5, "8", 1, "9", "Aabnm"],
            [40, "Zxc", 5, "8", 1, "9", "Aabnm"],
            [40, "Zxc"],
            ["9", "Aabnm"],
            [40, "Zxc", 5, "8", 1, "9"],
        ],
    ),
    "hashMap_reverse": (
        f"var map = {MIXED_MAP};\nmap.reverse();\nreturn map.keys();",
        ["Aabnm", "9", 1, "8", 5, "Zxc", 40, 200, "Babnm"],
    ),
    "hashMap_toReversed": (
        f"var map = {MIXED_MAP};\nreturn [map.toReversed().keys(), map.keys()];",
        [["Aabnm", "9", 1, "8", 5, "Zxc", 40, 200, "Babnm"], ["Babnm", 200, 40, "Zxc", 5, "8", 1, "9", "Aabnm"]],
    ),
    "createSingleValueArray": ("m = {5}; m", [5]),
    "arrayListToString": ("var list = ['hello', 34567];\nvar res = '' + list;\nreturn res;", "[hello, 34567]"),
    "arrayListSortAsc": (
        SORT_LIST % {"a": ""},
        {
            "msg": {
                "arrayString": STR,
                "arrayInt": INT,
                "arrayFloat": FLOAT,
                "mixedNumericArray": MIXED,
                "mixedNumericString": MIXED_STR,
            }
        },
    ),
    "arrayListSortDesc": (
        SORT_LIST % {"a": "false"},
        {
            "msg": {
                "arrayString": STR[::-1],
                "arrayInt": INT[::-1],
                "arrayFloat": FLOAT[::-1],
                "mixedNumericArray": MIXED[::-1],
                "mixedNumericString": MIXED_STR[::-1],
            }
        },
    ),
    "arrayListSortLongDouble": (SORT_LONG % {"a": ""}, [LONG, DOUBLE]),
    "arrayList_toSorted": (
        (
            'var array = ["Babnm", 5, "8", "9", "Aabnm", 1, 200, 40, "Zxc"];\nreturn '
            "[array, array.toSorted(), array.toSorted(false)];"
        ),
        [["Babnm", 5, "8", "9", "Aabnm", 1, 200, 40, "Zxc"], MIXED_STR, MIXED_STR[::-1]],
    ),
    "arrayList_Reverse": (
        f"var array = {ARR5};\nvar copy = array.slice();\narray.reverse();\nreturn [copy, array];",
        [ARR5_V, ARR5_V[::-1]],
    ),
    "arrayList_toReversed": (f"var array = {ARR5};\nreturn [array, array.toReversed()];", [ARR5_V, ARR5_V[::-1]]),
    "arrayList_slice": (
        f"var array = {ARR5};\n"
        "return [array.slice(), array.slice(2), array.slice(5), array.slice(2, 4), array.slice(1, 5),\n"
        'array.slice("3", "4"), array.slice(-2), array.slice(2, -1)];',
        [ARR5_V, ARR5_V[2:], [], ARR5_V[2:4], ARR5_V[1:5], ARR5_V[3:4], ARR5_V[3:], ARR5_V[2:4]],
    ),
    "arrayList_shift": (f"var array = {ARR5};\nvar s = array.shift();\nreturn [s, array];", ["8", ARR5_V[1:]]),
    "arrayList_unshift": (f'var array = {ARR5};\narray.unshift(42, "Dec");\nreturn array;', [42, "Dec"] + ARR5_V),
    "arrayList_indexOf": (
        'var a = ["a", 34, "a", 34, "a", "a"];\nreturn [a.indexOf("a", 1), a.indexOf("a", 3), a.indexOf("a", 5), '
        "a.indexOf(34, 2), a.indexOf(34, 4)];",
        [2, 4, 5, 3, -1],
    ),
    "arrayList_concat": (
        (
            'var letters = ["Dec", "Feb", "Jan"];\nvar numbers = [1, 2, 3];\nreturn '
            "[letters, numbers, letters.concat(numbers)];"
        ),
        [["Dec", "Feb", "Jan"], [1, 2, 3], ["Dec", "Feb", "Jan", 1, 2, 3]],
    ),
    "splice_Inserts_index_1": (
        (
            "var months = ['Jan', 'March', 'April', 'June'];\nvar removed = months.splice(1, "
            "0, 'Feb');\nreturn [months, removed];"
        ),
        [["Jan", "Feb", "March", "April", "June"], []],
    ),
    "splice_Remove_zero_Insert_2": (
        f'var m = {MONTHS4};\nvar r = m.splice(2, 0, "drum", "guitar");\nreturn [m, r];',
        [["angel", "clown", "drum", "guitar", "mandarin", "sturgeon"], []],
    ),
    "splice_Remove_2_Insert_3": (
        (
            'var m = ["angel", "clown", "trumpet", "sturgeon"];\nvar r = m.splice(1, '
            '2, "parrot", "anemone", "blue");\nreturn [m, r];'
        ),
        [["angel", "parrot", "anemone", "blue", "sturgeon"], ["clown", "trumpet"]],
    ),
    "splice_Replaces_at_index_4": (
        'var m = ["Jan", "Feb", "March", "April", "June"];\nvar r = m.splice(4, 1, \'May\');\nreturn [m, r];',
        [["Jan", "Feb", "March", "April", "May"], ["June"]],
    ),
    "splice_Remove_1_at_Minus_3": (
        f"var m = {MONTHS4};\nvar r = m.splice(-3, 1);\nreturn [m, r];",
        [["angel", "mandarin", "sturgeon"], ["clown"]],
    ),
    "splice_Remove_All_at_3": (
        f"var m = {MONTHS4};\nvar r = m.splice(3);\nreturn [m, r];",
        [["angel", "clown", "mandarin"], ["sturgeon"]],
    ),
    "splice_Remove_All_at_Minus_3": (
        f"var m = {MONTHS4};\nvar r = m.splice(-3);\nreturn [m, r];",
        [["angel"], ["clown", "mandarin", "sturgeon"]],
    ),
    "splice_Remove_All_at_Minus_5_Size_4": (
        f"var m = {MONTHS4};\nvar r = m.splice(-5);\nreturn [m, r];",
        [[], ["angel", "clown", "mandarin", "sturgeon"]],
    ),
    "toSpliced_Inserts_index_1": (
        "var m = ['Jan', 'March', 'April', 'June'];\nreturn [m, m.toSpliced(1, 0, 'Feb')];",
        [["Jan", "March", "April", "June"], ["Jan", "Feb", "March", "April", "June"]],
    ),
    "toSpliced_Delete_2_index_1": (
        'var m = ["Jan", "Feb", "March", "Apr", "May"];\nreturn [m, m.toSpliced(1, 2)];',
        [["Jan", "Feb", "March", "Apr", "May"], ["Jan", "Apr", "May"]],
    ),
    "toSpliced_Complex": (
        'var m = ["Jan", "Mar", "Apr", "May"];\nvar m2 = m.toSpliced(1, 0, "Feb");\nvar m3 = m2.toSpliced(2, 2);\n'
        'var m4 = m3.toSpliced(1, 1, "Feb", "Mar");\nreturn [m, m2, m3, m4];',
        [
            ["Jan", "Mar", "Apr", "May"],
            ["Jan", "Feb", "Mar", "Apr", "May"],
            ["Jan", "Feb", "May"],
            ["Jan", "Feb", "Mar", "May"],
        ],
    ),
    "toSpliced_Remove_All_at_3": (
        f"var m = {MONTHS4};\nreturn [m, m.toSpliced(3)];",
        [["angel", "clown", "mandarin", "sturgeon"], ["angel", "clown", "mandarin"]],
    ),
    "with_Index_Ok": (
        "var arr = [1, 2, 3, 4, 5];\nreturn [arr, arr.with(2, 6)];",
        [[1, 2, 3, 4, 5], [1, 2, 6, 3, 4, 5]],
    ),
    "fill_Index_Ok": (
        "var out = [];\nforeach (p : [[4], [4, 1], [4, 1, 2], [4, 1, 1], [4, -3, "
        "-2], [4, 3, 5]]) {\n var arr = [1, 2, 3];\n"
        " var f = p.size() == 1 ? arr.fill(p[0]) : p.size() == 2 ? arr.fill(p[0], "
        "p[1]) : arr.fill(p[0], p[1], p[2]);\n out.add([arr, f]);\n}\nreturn out;",
        [[[4, 4, 4]] * 2, [[1, 4, 4]] * 2, [[1, 4, 3]] * 2, [[1, 2, 3]] * 2, [[4, 2, 3]] * 2, [[1, 2, 3]] * 2],
    ),
    "arrayListJoin": (JOIN % "", JOINED),
    "arrayListJoin_trailing_comma": (JOIN % ",", JOINED),
    "arrayList_Unmodifiable": (
        "var msg = {};\nvar original = [];\noriginal.add(0x35);\nvar unmodifiable = original.toUnmodifiable();\n"
        "msg.result = unmodifiable;\nreturn '' + {msg: msg};",
        "{msg={result=[53]}}",
    ),
    "hashMap_EntrySet": (
        'var msg = {};\nvar original = {};\noriginal.put("entry1", [13, 15]);\noriginal.put("entry2", [23, 25]);\n'
        'var result1 = original.entrySet();\nresult1.add(25);\noriginal.put("entry3", '
        "[33, 35]);\nmsg.original = original;\n"
        "msg.result1 = result1;\nmsg.result2 = original.entrySet();\nreturn '' + {msg: msg};",
        "{msg={original={entry1=[13, 15], entry2=[23, 25], entry3=[33, 35]}, result1=[entry1=[13, "
        "15], entry2=[23, 25], 25], "
        "result2=[entry1=[13, 15], entry2=[23, 25], entry3=[33, 35]]}}",
    ),
    "list_Unmodifiable_is_a_view": (
        'var msg = {};\nvar original = [33, 45, "value1"];\noriginal.add("entry2");\n'
        'var unmodifiable = original.toUnmodifiable();\nmsg.result = unmodifiable;\noriginal.add("entry3");\n'
        "msg.original = original;\n"
        "return '' + {msg: msg};",
        "{msg={result=[33, 45, value1, entry2, entry3], original=[33, 45, value1, entry2, entry3]}}",
    ),
    "hashMap_Unmodifiable": (
        'var a = {};\na.putIfAbsent("entry1", 73);\nvar b = {};\nb.put("temperature1", 73);\n'
        "return '' + [{result: a.toUnmodifiable()}, {result: b.entrySet().toUnmodifiable()}];",
        "[{result={entry1=73}}, {result=[temperature1=73]}]",
    ),
    "hashMapEntrySet_add": (
        'var original = {};\noriginal.put("entry1", 73);\nvar entrySet1 = original.entrySet();\nentrySet1.add(25);\n'
        "return '' + {result: entrySet1};",
        "{result=[entry1=73, 25]}",
    ),
    "hashSetAdd": (
        'var setTb = {}.entrySet();\nvar r = [setTb.add("C"), setTb.add("B"), setTb.add("A"), '
        'setTb.add("C"), setTb.add("hello"),\n'
        "setTb.add(34567), setTb.add(34567)];\nreturn '' + [r, setTb];",
        "[[true, true, true, false, true, true, false], [C, B, A, hello, 34567]]",
    ),
    "hashSetAddAll": (
        (
            'var setTb = {}.entrySet();\nvar r = setTb.addAll(["C", "B", "A", "B", '
            '"C", "hello", 34567]);\nreturn \'\' + [r, setTb];'
        ),
        "[true, [C, B, A, hello, 34567]]",
    ),
    "hashSetRemove": (
        'var s = {}.entrySet();\nvar r = [s.addAll(["C", "B", "A", "B", "C", "hello", '
        '34567]), s.remove("C"), s.remove("B"),\n'
        "s.remove(\"B\"), s.remove(34567)];\nreturn '' + [r, s];",
        "[[true, true, true, false, true], [A, hello]]",
    ),
    "hashSetClear": (
        (
            'var s = {}.entrySet();\nvar r = s.addAll(["C", "B", "A", "B", "C", "hello", '
            "34567]);\nvar c = s.clear();\nreturn [r, c, s];"
        ),
        [True, None, []],
    ),
    "hashSetSort": (
        'var s = {}.entrySet();\ns.addAll(["C", "B", "A", 34567, "B", "C", "hello", '
        "34]);\nvar d = s.clone();\ns.sort();\nd.sort(false);\n"
        "return '' + [s, d];",
        "[[34, 34567, A, B, C, hello], [hello, C, B, A, 34567, 34]]",
    ),
    "hashSetToSorted": (
        'var s = {}.entrySet();\ns.addAll(["C", "B", "A", 34567, "B", "C", "hello", 34]);\n'
        "return '' + [s, s.toSorted(), s.toSorted(false)];",
        "[[C, B, A, 34567, hello, 34], [34, 34567, A, B, C, hello], [hello, C, B, A, 34567, 34]]",
    ),
    "hashSetToList": (
        'var s = {}.entrySet();\nvar r = s.addAll(["C", "B", "A", 34567, "B", "C", '
        '"hello", 34]);\nvar l = s.toList();\n'
        "return '' + [r, s, l, isList(l), isSet(s)];",
        "[true, [C, B, A, 34567, hello, 34], [C, B, A, 34567, hello, 34], true, true]",
    ),
}
XFAIL: dict[str, str] = {}


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=XFAIL[n])) if n in XFAIL else n for n in CASES]
)
def test_collections(invoke: Invoke, name: str) -> None:
    script, expected = CASES[name]
    assert invoke(script) == expected


ERRORS: dict[str, tuple[str, str]] = {
    "slice_start_more_than_end": (f"var array = {ARR5};\nreturn array.slice(6);", "fromIndex(6) > toIndex(5)"),
    "slice_start_not_numeric": (f'var array = {ARR5};\nreturn array.slice("rt", "2");', 'For input string: "rt"'),
    "slice_end_not_numeric": (f'var array = {ARR5};\nreturn array.slice("1", "Dec");', 'For input string: "Dec"'),
    "with_index_too_big": ("var arr = [1, 2, 3, 4, 5];\nreturn arr.with(6, 6);", "Index: 6, Size: 5"),
    "with_index_too_small": ("var arr = [1, 2, 3, 4, 5];\nreturn arr.with(-6, 6);", "Index: -6, Size: 5"),
    "unmodifiable_list_add": (
        (
            "var original = [];\noriginal.add(0x67);\nvar unmodifiable = original.toUnmodifiable();\nunmodifiable"
            ".add(0x35);"
        ),
        "List is unmodifiable",
    ),
    "unmodifiable_map_put": (
        "var original = {};\noriginal.humidity = 73;\nvar unmodifiable = original.toUnmodifiable();\n"
        'unmodifiable.put("temperature1", 96);',
        "Map is unmodifiable",
    ),
    "unmodifiable_set_add": (
        'var original = {};\noriginal.put("temperature1", 73);\nvar unmodifiable '
        "= original.entrySet().toUnmodifiable();\n"
        "unmodifiable.add(25);",
        "Set is unmodifiable",
    ),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_collection_errors(invoke: Invoke, name: str) -> None:
    script, message = ERRORS[name]
    with pytest.raises(JSEvalException) as info:
        invoke(script)
    assert message in str(info.value)
