"""TbelInvokeDocsIoTest (ThingsBoard's TBEL documentation examples), part 1: maps, lists, sets, arrays,
Java classes and flow control. Part 2 (TbUtils helpers and dates) is test_docs_io_utils.py.
Inputs and expected values are ThingsBoard's; the expected-value arithmetic of the Java test is redone here.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from py_mini_racer import JSEvalException

from tests.converters.tbel.docs_io import Invoke, splice

MSG_MAP = '{"temperature": 42, "nested" : "508"};'


def base() -> dict[str, Any]:
    return {"temperature": 42, "nested": "508"}


def list_add_push_delete() -> dict[str, Any]:
    lst: list[Any] = ["A", "B", "C", "B", "C", "hello", 34567]
    add = ["thigsboard", 4, 67]
    e: dict[str, Any] = {"list": lst[:]}
    lst += add
    e["addAll"] = True
    e["addAllList"] = lst[:]
    lst[2:2] = add
    e["addAllIndex"] = True
    e["addAllIndexList"] = lst[:]
    lst.insert(3, "thigsboard")
    e["addIndexList"] = lst[:]
    lst.append("thigsboard")
    e["push"] = True
    e["pushList"] = lst[:]
    lst.insert(0, "r")
    e["unshiftList"] = lst[:]
    lst.insert(0, ["Q", 4])
    e["unshiftQunList"] = copy.deepcopy(lst)
    e["removeIndex2"] = lst.pop(2)
    e["removeIndex2List"] = copy.deepcopy(lst)
    lst.remove("C")
    e["removeValueC"] = True
    e["removeValueCList"] = copy.deepcopy(lst)
    e["shift"] = lst.pop(0)
    e["shiftList"] = lst[:]
    e["pop"] = lst.pop()
    e["popList"] = lst[:]
    e["splice3"] = splice(lst, 3)
    e["splice3List"] = lst[:]
    e["splice2"] = splice(lst, 2, 2)
    e["splice2List"] = lst[:]
    e["splice1_4"] = splice(lst, 1, 4, "start", 5, "end")
    e["splice1_4List"] = lst[:]
    return e


def sets_add_remove() -> dict[str, Any]:
    def oset(items: list[Any]) -> dict[Any, None]:
        return dict.fromkeys(items)

    lst: list[Any] = ["B", "C", "A", "B", "C", "hello", 34567]
    s = oset(["thigsboard", 4, 67])
    e: dict[str, Any] = {"setAdd1_value": list(s)}
    e["setAdd2_result"] = 35 not in s
    s[35] = None
    e["setAdd2_value"] = list(s)
    l1 = oset(lst)
    e["setAddList1"] = list(l1)
    e["setAdd3_result"] = any(k not in s for k in l1)
    s.update(l1)
    e["setAdd3_value"] = list(s)
    e["setAdd4_result"] = 35 not in s
    e["setAdd4_value"] = list(s)
    l2 = oset(lst)
    e["setAdd5_result1"] = True
    l2[72] = None
    e["setAdd5_result2"] = False
    e["setAdd5_result3"] = True
    l2["hello25"] = None
    e["setAddList2"] = list(l2)
    e["setAdd5_value"] = list(l2)
    e["setAdd6_result"] = any(k not in s for k in l2)
    s.update(l2)
    e["setAdd6_value"] = list(s)
    s7 = dict(s)
    e["setAdd7_result"] = 4 in s7
    del s7[4]
    e["setAdd7_value"] = list(s7)
    e["setAdd8_value"] = []
    return e


LIST_SORT_SCRIPT = """
var list = msg.list;
var msgRez = {};
msgRez.put("list", list.clone());
msgRez.put("sort", list.sort());
msgRez.put("sortList", list.clone());
msgRez.put("sortTrue", list.sort(true));
msgRez.put("sortTrueList", list.clone());
msgRez.put("sortFalse", list.sort(false));
msgRez.put("sortFalseList", list.clone());
msgRez.put("reverse", list.reverse());
msgRez.put("reverseList", list.clone());
msgRez.put("fill", list.fill(67));
msgRez.put("fillList", list.clone());
msgRez.put("fill4", list.fill(4, 1));
msgRez.put("fill4List", list.clone());
msgRez.put("fill4_6", list.fill(2, 1, 4));
msgRez.put("fill4_6List", list.clone());
return msgRez;
"""
LIST_NEW_SCRIPT = """
var list = msg.list;
var listAdd = ["thigsboard", 4, 67];
var msgRez = {};
msgRez.put("list", list.clone());
msgRez.put("toSorted", list.toSorted());
msgRez.put("toSortedList", list.clone());
msgRez.put("toSortedTrue", list.toSorted(true));
msgRez.put("toSortedFalse", list.toSorted(false));
msgRez.put("toReversed", list.toReversed());
msgRez.put("slice", list.slice());
msgRez.put("slice4", list.slice(3));
msgRez.put("slice1_5", list.slice(0,2));
msgRez.put("with1", list.with(1, 69));
msgRez.put("concat", list.concat(listAdd));
msgRez.put("join", list.join());
msgRez.put("toSpliced2", list.toSpliced(1, 0, "Feb"));
msgRez.put("toSpliced0_2", list.toSpliced(0, 2));
msgRez.put("toSpliced2_2", list.toSpliced(2, 2));
msgRez.put("toSpliced4_5", list.toSpliced(2, 4, "start", 5, "end"));
msgRez.put("after", list.clone());
return msgRez;
"""
LIST_ADD_SCRIPT = """
var list = msg.list;
var msgRez = {};
msgRez.put("list", list.clone());
var listAdd = ["thigsboard", 4, 67];
var addAll = list.addAll(listAdd);
msgRez.put("addAll", addAll);
msgRez.put("addAllList", list.clone());
var addAllIndex = list.addAll(2, listAdd);
msgRez.put("addAllIndex", addAllIndex);
msgRez.put("addAllIndexList", list.clone());
var addIndex = list.add(3, "thigsboard");
if(addIndex != null) {
  msgRez.put("addIndex", addIndex);
};
msgRez.put("addIndexList", list.clone());
var push = list.push("thigsboard");
msgRez.put("push", push);
msgRez.put("pushList", list.clone());
var unshift = list.unshift("r");
msgRez.put("unshift", unshift);
msgRez.put("unshiftList", list.clone());
var unshiftQ = ["Q", 4];
msgRez.put("unshift", list.unshift(unshiftQ));
msgRez.put("unshiftQunList", list.clone());
msgRez.put("removeIndex2", list.remove(2));
msgRez.put("removeIndex2List", list.clone());
msgRez.put("removeValueC", list.remove("C"));
msgRez.put("removeValueCList", list.clone());
msgRez.put("shift", list.shift());
msgRez.put("shiftList", list.clone());
msgRez.put("pop", list.pop());
msgRez.put("popList", list.clone());
msgRez.put("splice3", list.splice(3));
msgRez.put("splice3List", list.clone());
msgRez.put("splice2", list.splice(2, 2));
msgRez.put("splice2List", list.clone());
msgRez.put("splice1_4", list.splice(1, 4, "start", 5, "end"));
msgRez.put("splice1_4List", list.clone());
return msgRez;
"""
SETS_ADD_SCRIPT = """
var setAdd = toSet(["thigsboard", 4, 67]);
var setAdd1_value = setAdd.clone();
var setAdd2_result = setAdd.add(35);
var setAdd2_value = setAdd.clone();
var setAddList1 = toSet(msg.list);
var setAdd3_result = setAdd.addAll(setAddList1);
var setAdd3_value = setAdd.clone();
var setAdd4_result = setAdd.add(35);
var setAdd4_value = setAdd.clone();
var setAddList2 = toSet(msg.list);
var setAdd5_result1 = setAddList2.add(72);
var setAdd5_result2 = setAddList2.add(72);
var setAdd5_result3 = setAddList2.add("hello25");
var setAdd5_value = setAddList2.clone();
var setAdd6_result = setAdd.addAll(setAddList2);
var setAdd6_value = setAdd.clone();
var setAdd7_value = setAdd6_value.clone();
var setAdd7_result = setAdd7_value.remove(4);
var setAdd8_value = setAdd7_value.clone();
setAdd8_value.clear();
return {"setAdd1_value": setAdd1_value, "setAdd2_result": setAdd2_result, "setAdd2_value": setAdd2_value,
   "setAddList1": setAddList1, "setAdd3_result": setAdd3_result, "setAdd3_value": setAdd3_value,
   "setAdd4_result": setAdd4_result, "setAdd4_value": setAdd4_value, "setAdd5_result1": setAdd5_result1,
   "setAdd5_result2": setAdd5_result2, "setAdd5_result3": setAdd5_result3, "setAddList2": setAddList2,
   "setAdd5_value": setAdd5_value, "setAdd6_result": setAdd6_result, "setAdd6_value": setAdd6_value,
   "setAdd7_result": setAdd7_result, "setAdd7_value": setAdd7_value, "setAdd8_value": setAdd8_value};
"""
FOREACH_ENTRIES = """
foreach(element : %s){
  if(element.getKey() == null){ return raiseError("Bad getKey"); }
  if(element.key == null){ return raiseError("Bad key"); }
  if(element.getValue() == null){ return raiseError("Bad getValue"); }
  if(element.value == null){ return raiseError("Bad value"); }
}
return msg;
"""
L4 = [67, 2, 2, 2]
SET_LIST = '{"list": ["C", "B", "A", 34567, "B", "C", "hello", 34]}'
SET6 = ["C", "B", "A", 34567, "hello", 34]

# name: (msg JSON, TBEL, expected result)
CASES: dict[str, tuple[str, str, Any]] = {
    "simplePropertyBooleanExpression": (
        '{"temperature": 15, "humidity" : 30}',
        "return (msg.temperature > 10 && msg.temperature < 20) || (msg.humidity > 10 && msg.humidity < 60);",
        True,
    ),
    "multipleStatements": ("{}", "var a = 2;\nvar b = 2;\nreturn a + b;", 4),
    "mapsChangeValueKey": (MSG_MAP, "msg.temperature = 0;\nreturn msg;", {**base(), "temperature": 0}),
    "mapsCheckExistenceKey": (
        MSG_MAP,
        "if(msg.temperature != null){\n msg.temperature = 2;\n}\nreturn msg;",
        {**base(), "temperature": 2},
    ),
    "mapsNullSafeExpressionsUsing": (
        MSG_MAP,
        "msg.existingKey = {};\nmsg.existingKey.smth = 20;\nif(msg.?nonExistingKey.smth "
        "> 10){\n msg.temperature = 2;\n}\n"
        'if(msg.?existingKey.smth > 10){\n msg.nested = "100";\n}\nreturn msg;',
        {"temperature": 42, "nested": "100", "existingKey": {"smth": 20}},
    ),
    "mapsIterateThrough": (MSG_MAP, FOREACH_ENTRIES % "msg.entrySet()", base()),
    "mapsImplicitIterationWithoutEntrySet": (MSG_MAP, FOREACH_ENTRIES % "msg", base()),
    "mapsGetInfoSize": (MSG_MAP, "var size = msg.size();\nreturn size;", 2),
    "mapsGetInfoMemorySize": (MSG_MAP, "var memorySize = msg.memorySize();\nreturn memorySize;", 24),
    "mapsGetInfoPut": (
        MSG_MAP,
        'msg.humidity = 73;\nmsg.put("humidity", 74);\nmsg.putIfAbsent("temperature1", 73);\nreturn msg;',
        {**base(), "humidity": 74, "temperature1": 73},
    ),
    "mapsChangeValuePut": (
        MSG_MAP,
        'msg.temperature = 73;\nmsg.putIfAbsent("temperature1", 73);\nvar put1 = msg.put("temperature", 74);\n'
        'msg.putIfAbsent("humidity", 73);\nvar putIfAbsent1 = msg.putIfAbsent("humidity", 74);\n'
        "return {map: msg, put1: put1, putIfAbsent1: putIfAbsent1};",
        {
            "map": {"temperature": 74, "nested": "508", "humidity": 73, "temperature1": 73},
            "put1": 73,
            "putIfAbsent1": 73,
        },
    ),
    "mapsChangeValueReplace": (
        MSG_MAP,
        'msg.put("humidity", 73);\nmsg.putIfAbsent("temperature1", 73);\nvar replace '
        '= msg.replace("temperature", 56);\n'
        'var replace1 = msg.replace("temperature", 56, 45);\nvar replace2 = msg.replace("temperature", 48, 56);\n'
        "return {map: msg, replace: replace, replace1: replace1, replace2: replace2}",
        {
            "map": {"temperature": 45, "nested": "508", "humidity": 73, "temperature1": 73},
            "replace": 42,
            "replace1": True,
            "replace2": False,
        },
    ),
    "mapsRemoveEntryFromMapByKey": (
        MSG_MAP,
        'msg.put("humidity", 73);\nmsg.putIfAbsent("temperature1", 73);\nmsg.remove("temperature");\nreturn msg;',
        {"nested": "508", "humidity": 73, "temperature1": 73},
    ),
    "mapsGetKeysValues": (
        MSG_MAP,
        'msg.put("humidity", 73);\nmsg.putIfAbsent("temperature1", 73);\nmsg.remove("temperature");\n'
        "var keys = msg.keys();\nvar values = msg.values();\nreturn {keys: keys, values: values}",
        {"keys": ["nested", "humidity", "temperature1"], "values": ["508", 73, 73]},
    ),
    "mapsAddNewEntry": (
        MSG_MAP,
        'msg.put("humidity", 73);\nmsg.putIfAbsent("temperature1", 73);\nmsg.remove("temperature");\n'
        'var mapAdd = {"test": 12, "input" : {"http": 130}};\nmsg.putAll(mapAdd);\nreturn msg;',
        {"nested": "508", "humidity": 73, "temperature1": 73, "test": 12, "input": {"http": 130}},
    ),
    "listsCreateNewList": (
        '{"list": ["A", "B", "C"]}',
        'var list = msg.list;\nvar list0 = list[0];\nvar listSize = list.size();\nvar smthForeach = "";\n'
        'foreach (item : list) {\n  smthForeach += item;\n}\nvar smthForLoop= "";\nfor '
        "(var i =0; i < list.size; i++) {\n"
        "  smthForLoop += list[i];\n}\nreturn {list: list, list0: list0, listSize: "
        "listSize, smthForeach: smthForeach, smthForLoop: smthForLoop}",
        {"list": ["A", "B", "C"], "list0": "A", "listSize": 3, "smthForeach": "ABC", "smthForLoop": "ABC"},
    ),
    "listAddPushDelete": (
        '{"list": ["A", "B", "C", "B", "C", "hello", 34567]}',
        LIST_ADD_SCRIPT,
        list_add_push_delete(),
    ),
    "listChange": (
        '{"list": ["r", "start", 5, "end"]}',
        'var list = msg.list;\nvar msgRez = {};\nmsgRez.put("list", list.clone());\nmsgRez.put("set", '
        'list.set(3, "65"));\n'
        'msgRez.put("setList", list.clone());\nlist[1] = "98";\nmsgRez.put("listChangeIndex1List", list.clone());\n'
        'list[0] = 2096;\nmsgRez.put("listChangeIndex0List", list.clone());\nreturn msgRez;',
        {
            "list": ["r", "start", 5, "end"],
            "set": "end",
            "setList": ["r", "start", 5, "65"],
            "listChangeIndex1List": ["r", "98", 5, "65"],
            "listChangeIndex0List": [2096, "98", 5, "65"],
        },
    ),
    "listSort": (
        '{"list": [2096, "98", 5, "65"]}',
        LIST_SORT_SCRIPT,
        {
            "list": [2096, "98", 5, "65"],
            "sortList": [5, "65", "98", 2096],
            "sortTrueList": [5, "65", "98", 2096],
            "sortFalseList": [2096, "98", "65", 5],
            "reverseList": [5, "65", "98", 2096],
            "fill": [67, 2, 2, 2],
            "fillList": [67, 67, 67, 67],
            "fill4": [67, 2, 2, 2],
            "fill4List": [67, 4, 4, 4],
            "fill4_6": [67, 2, 2, 2],
            "fill4_6List": [67, 2, 2, 2],
        },
    ),
    "listNewListOrStringSort": (
        '{"list": [67, 2, 2, 2]}',
        LIST_NEW_SCRIPT,
        {
            "list": L4,
            "toSorted": [2, 2, 2, 67],
            "toSortedList": L4,
            "toSortedTrue": [2, 2, 2, 67],
            "toSortedFalse": [67, 2, 2, 2],
            "toReversed": [2, 2, 2, 67],
            "slice": L4,
            "slice4": [2],
            "slice1_5": [67, 2],
            "with1": [67, 69, 2, 2, 2],
            "concat": [67, 2, 2, 2, "thigsboard", 4, 67],
            "join": "67,2,2,2",
            "toSpliced2": [67, "Feb", 2, 2, 2],
            "toSpliced0_2": [2, 2],
            "toSpliced2_2": [67, 2],
            "toSpliced4_5": [67, 2, "start", 5, "end"],
            "after": L4,
        },
    ),
    "listGetInfo": (
        '{"list": [67, 2, 2, 2]}',
        "var list = msg.list;\nreturn {list: list.clone(), length: list.length(), memorySize: list.memorySize(),\n"
        'indOf1: list.indexOf("B", 1), indOf2: list.indexOf(2, 2), sStr: list.validateClazzInArrayIsOnlyNumber()}',
        {"list": L4, "length": 4, "memorySize": 32, "indOf1": -1, "indOf2": 2, "sStr": True},
    ),
    "arrays": (
        '{"str": "My String"}',
        "var array = new int[3];\narray[0] = 1;\narray[1] = 2;\narray[2] = 3;\nvar str = msg.str;\nvar str0 = str[0];\n"
        "function sum(list){\n var result = 0;\n for(var i = 0; i < list.length; "
        "i++){\n  result += list[i];\n }\n return result;\n};\n"
        "var sum = sum(array);\nreturn {array: array, str: str, str0: str0, sum: sum}",
        {"array": [1, 2, 3], "str": "My String", "str0": "M", "sum": 6},
    ),
    "setsCreateNewSetFromMap": (
        '{"list": ["B", "A", "C", "A"]}',
        "var originalMap = {};\nvar set1 = originalMap.entrySet();\nvar set2 = "
        "set1.clone();\nvar result1 = set1.addAll(msg.list);\n"
        "return {set1: set1, set2: set2, result1: result1}",
        {"set1": ["B", "A", "C"], "set2": [], "result1": True},
    ),
    "setsCreateNewSetFromCreateSetTbMethod": (
        '{"list": ["B", "A", "C", "A"]}',
        "var set1 = toSet(msg.list);\nvar set2 = newSet();\nreturn {set1: set1, set2: set2}",
        {"set1": ["B", "A", "C"], "set2": []},
    ),
    "setsForeachForLoop": (
        '{"list": ["A", "B", "C"]}',
        "var set2 = toSet(msg.list);\nvar set2_0 = set2.toArray()[0];\nvar set2Size "
        '= set2.size();\nvar smthForeach = "";\n'
        'foreach (item : set2) {\n  smthForeach += item;\n}\nvar smthForLoop= "";\nvar set2Array = set2.toArray();\n'
        "for (var i =0; i < set2.size; i++) {\n    smthForLoop += set2Array[i];\n}\n"
        "return {set2: set2, set2_0: set2_0, set2Size: set2Size, smthForeach: smthForeach, smthForLoop: smthForLoop}",
        {"set2": ["A", "B", "C"], "set2_0": "A", "set2Size": 3, "smthForeach": "ABC", "smthForLoop": "ABC"},
    ),
    "setsAddRemove": ('{"list": ["B", "C", "A", "B", "C", "hello", 34567]}', SETS_ADD_SCRIPT, sets_add_remove()),
    "setsSort": (
        SET_LIST,
        "var set1 = toSet(msg.list);\nvar set2 = toSet(msg.list);\nvar set1_asc "
        "= set1.clone();\nvar set1_desc = set1.clone();\n"
        "set1.sort();\nset1_asc.sort(true);\nset1_desc.sort(false);\nvar set3 = "
        "set2.toSorted();\nvar set3_asc = set2.toSorted(true);\n"
        'var set3_desc = set2.toSorted(false);\nreturn {"set1": set1, "set1_asc": '
        'set1_asc, "set1_desc": set1_desc, "set2": set2,\n'
        '"set3": set3, "set3_asc": set3_asc, "set3_desc": set3_desc,}',
        {
            "set1": [34, 34567, "A", "B", "C", "hello"],
            "set1_asc": [34, 34567, "A", "B", "C", "hello"],
            "set1_desc": ["hello", "C", "B", "A", 34567, 34],
            "set2": SET6,
            "set3": [34, 34567, "A", "B", "C", "hello"],
            "set3_asc": [34, 34567, "A", "B", "C", "hello"],
            "set3_desc": ["hello", "C", "B", "A", 34567, 34],
        },
    ),
    "setsContains": (
        SET_LIST,
        'var set1 = toSet(msg.list);\nvar result1 = set1.contains("A");\nvar result2 = set1.contains("H");\n'
        'return {"set1": set1, "result1": result1, "result2": result2}',
        {"set1": SET6, "result1": True, "result2": False},
    ),
    "setsToList": (
        SET_LIST,
        (
            'var set1 = toSet(msg.list);\nvar tolist = set1.toList();\nreturn {"list": '
            'msg.list, "set1": set1, "tolist": tolist}'
        ),
        {"list": ["C", "B", "A", 34567, "B", "C", "hello", 34], "set1": SET6, "tolist": SET6},
    ),
    "sqrt": ('{"i": 4}', "var foo = Math.sqrt(msg.i);\nreturn{ i: msg.i, foo: foo }", {"i": 4, "foo": 2.0}),
    "byteIntegerToString": (
        "{}",
        "return {b16: Integer.toString(0x1A, 16), b10: Integer.toString(0x1A, 10), "
        "b8: Integer.toString(0x1A, 8), b2: Integer.toString(0x1A, 2)}",
        {"b16": "1a", "b10": "26", "b8": "32", "b2": "11010"},
    ),
    "integerIntegerToString": (
        "{}",
        "return {i16: Integer.toString(-255, 16), i10: Integer.toString(-255, 10), "
        "i8: Integer.toString(-255, 8), i2: Integer.toString(-255, 2)}",
        {"i16": "-ff", "i10": "-255", "i8": "-377", "i2": "-11111111"},
    ),
    "floatToString": (
        "{}",
        (
            "var f0 =7823764.8374;\nvar f16 = Float.toHexString(f0);\nvar f10 = f0.toString();\nreturn{ "
            "f16: f16, f10: f10 }"
        ),
        {"f16": "0x1.dd8654p22", "f10": "7823764.8374"},
    ),
    "longToString": (
        "{}",
        "return {l16: Long.toString(9223372036854775807, 16), l10: Long.toString(9223372036854775807, 10), "
        "l8: Long.toString(9223372036854775807, 8), l2: Long.toString(9223372036854775807, 2)}",
        {"l16": "7fffffffffffffff", "l10": "9223372036854775807", "l8": "777777777777777777777", "l2": "1" * 63},
    ),
    "doubleToString": (
        "{}",
        'var dd0 = 99993219.156013e-002;\nvar dd16 = Double.toHexString(dd0);\nvar dd10 = String.format("%.8f",dd0);\n'
        "return{ dd16: dd16, dd10: dd10 }",
        {"dd16": "0x1.e83f862142b5bp19", "dd10": "999932.19156013"},
    ),
    "ifTthenElseBlocks": (
        '{"temperature": 20}',
        'if (msg.temperature > 0) {\n return "Greater than zero!";\n} else if (msg.temperature == -1) {\n'
        ' return "Minus one!";\n} else {\n return "Something else!";\n}',
        "Greater than zero!",
    ),
    "ternarySstatements": ('{"temperature": 20}', 'return msg.temperature > 0 ? "Yes" : "No";', "Yes"),
    "foreach": ("{}", "var numbers = [1, 2, 3];\nvar sum = 0;\nforeach (n : numbers) {\n sum+=n;\n}\nreturn sum;", 6),
    "foreachStringsIiterable": (
        '{"str": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}',
        (
            "int l = msg.str.length();\nvar array = new int[l];\nvar i = 0;\nforeach "
            "(c : msg.str) {\n array[i] = (int)c;\n i++;\n}\nreturn array;"
        ),
        list(range(65, 91)),
    ),
    "forLoop": ("{}", "var sum = 0;\nfor (var i =0; i < 100; i++) { \n sum += i;\n}\nreturn sum;", 4950),
    "doWhile": ("{}", 'var x = "doWhile";\nvar a = null;\ndo {\n x = a;\n}\nwhile (x != null);\nreturn x;', None),
    "doUntil": ("{}", 'var x = "doWhile";\nvar a = null;\ndo {\n x = a;\n}\nuntil (x == null);\nreturn x;', None),
    "standardWhile": ("{}", 'var x = "doWhile";\nvar a = null;\nwhile (x != null) {\n x = a;\n}\nreturn x;', None),
    "standardUntil": ("{}", 'var x = "doWhile";\nvar a = null;\nuntil (x == null) {\n x = a;\n}\nreturn x;', None),
    "toUnmodifiableExecutionArrayList": (
        "{}",
        "var original = [];\noriginal.add(0x35);\nvar unmodifiable = original.toUnmodifiable();\n"
        "msg.result = unmodifiable;\nreturn {msg: msg};",
        {"msg": {"result": [0x35]}},
    ),
    "toUnmodifiableExecutionHashMap": (
        "{}",
        'var original = {};\noriginal.putIfAbsent("entry1", 73);\nvar unmodifiable = original.toUnmodifiable();\n'
        "msg.result = unmodifiable;\nreturn {msg: msg};",
        {"msg": {"result": {"entry1": 73}}},
    ),
}

# Cases that fail for reasons outside the collections/date runtime (owned by other work).
XFAIL: dict[str, str] = {}


def _params() -> list[Any]:
    return [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=XFAIL[n])) if n in XFAIL else n for n in CASES]


@pytest.mark.parametrize("name", _params())
def test_docs_io(invoke: Invoke, name: str) -> None:
    msg, script, expected = CASES[name]
    assert invoke(script, msg) == expected


def test_maps_sort_orders_keys(invoke: Invoke) -> None:
    """mapsSort_Test: sortByKey, clone, sortByValue (void), with the key order checked."""
    script = (
        'msg.put("humidity", 73);\nmsg.putIfAbsent("temperature1", 73);\nmsg.remove("temperature");\nmsg.sortByKey();\n'
        "var mapSortByKey = msg.clone();\nvar sortByValue = msg.sortByValue();\n"
        "return {mapSortByKey: mapSortByKey, sortByValue: sortByValue, mapSortByValue: msg}"
    )
    out = invoke(script, MSG_MAP)
    assert out == {
        "mapSortByKey": {"humidity": 73, "nested": "508", "temperature1": 73},
        "mapSortByValue": {"humidity": 73, "temperature1": 73, "nested": "508"},
    }
    assert list(out["mapSortByKey"]) == ["humidity", "nested", "temperature1"]
    assert list(out["mapSortByValue"]) == ["humidity", "temperature1", "nested"]


ERRORS: dict[str, tuple[str, str]] = {
    "arraysWillCauseArrayIndexOutOfBoundsException": (
        "var array = new int[3];\narray[0] = 1;\narray[1] = 2;\narray[2] = 3;\narray[3] = 4;\nreturn array;",
        "[Line: 5",
    ),
    "toUnmodifiableExecutionArrayList_add": (
        "var original = [];\noriginal.add(0x67);\nvar unmodifiable = original.toUnmodifiable();\nunmodifiable"
        ".add(0x35);\n"
        "msg.result = unmodifiable;\nreturn {msg: msg};",
        "List is unmodifiable",
    ),
    "toUnmodifiableExecutionHashMap_put": (
        "var original = {};\noriginal.humidity = 73;\nvar unmodifiable = original.toUnmodifiable();\nunmodifi"
        'able.put("temperature1", 96);\n'
        "msg.result = unmodifiable;\nreturn {msg: msg};",
        "Map is unmodifiable",
    ),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_docs_io_errors(invoke: Invoke, name: str) -> None:
    script, message = ERRORS[name]
    with pytest.raises(JSEvalException) as info:
        invoke(script)
    assert message in str(info.value)
