"""Names that ThingsBoard imports into every TBEL script, and how MVEL resolves them.

``DefaultTbelInvokeService`` registers each TbUtils helper with
``parserConfig.addImport(name, new MethodStub(...))``. MVEL's ``ClassImportResolverFactory`` sits
in front of the script's own variables, so an imported name always resolves to the import:

* a call ``toFixed(x, 2)`` runs TbUtils even when the script defines ``function toFixed``;
  the script's function is never registered (``Function`` finds the name already resolvable);
* reading a variable or parameter with an imported name gives the import, not the value;
* an overload is chosen among TbUtils' methods of that name by argument types; when none
  matches, the call fails with "unable to resolve method".

>>> "toFixed" in TBUTILS_IMPORTS
True
"""

from __future__ import annotations

__all__ = ["TBUTILS_IMPORTS"]

# TbUtils.register() at thingsboard HEAD (common/script/script-api/.../tbel/TbUtils.java)
TBUTILS_IMPORTS: frozenset[str] = frozenset(
    """
atob base64ToBytes base64ToBytesList base64ToHex btoa bytesToBase64 bytesToExecutionArrayList
bytesToHex bytesToString decodeToJson decodeToString decodeURI doubleToHex encodeURI floatToHex
hexToBase64 hexToBytes hexToBytesArray intLongToRadixString intToHex isArray isBinary isDecimal
isHexadecimal isInsideCircle isInsidePolygon isList isMap isNaN isOctal isSet longToHex newSet
padEnd padStart parseBigEndianHexToDouble parseBigEndianHexToFloat parseBigEndianHexToInt
parseBigEndianHexToLong parseBinaryArrayToInt parseByteToBinaryArray parseBytesIntToFloat
parseBytesLongToDouble parseBytesToBinaryArray parseBytesToDouble parseBytesToFloat
parseBytesToInt parseBytesToLong parseDouble parseFloat parseHexIntLongToFloat parseHexToDouble
parseHexToFloat parseHexToInt parseHexToLong parseInt parseLittleEndianHexToDouble
parseLittleEndianHexToFloat parseLittleEndianHexToInt parseLittleEndianHexToLong parseLong
parseLongToBinaryArray printUnsignedBytes raiseError stringToBytes toFixed toFlatMap toInt toSet
""".split()
)
