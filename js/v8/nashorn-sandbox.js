// What ThingsBoard's local JS engine does to a converter script before Nashorn compiles it:
// ThingsBoard glues the body into its wrapper, then delight-nashorn-sandbox 0.4.5 (with
// ThingsBoard's settings: allowNoBraces(false)) refuses "__if"/"__it", reformats the script with
// js-beautify 1.14.7, refuses loops it thinks have no braces, and inserts interrupt checks.
// The rules below are written from the sandbox's documented behaviour and measured against it
// (tests/converters/nashorn/); Java's regular-expression semantics are spelled out where they
// differ from JavaScript's (line terminators, \s, `.`, `^` and `$`).
import beautify from "js-beautify/js/src/javascript/index.js";

// The name ThingsBoard gives the invoke function: "invokeInternal_" + a UUID with "_" for "-".
export const FUNCTION_NAME = "invokeInternal_7b1f3c2a_0d4e_4f6a_9b8c_5e2d1a0f3c4b";

const HELPERS = "load('classpath:js/converter-helpers.js'); ";

// ThingsBoard's local uplink wrapper: the body is glued between "{" and "}" with no newline.
const UPLINK = [
  "(bytesBase64, metadataStr) { " +
    "    var payload = convertBytesBase64(bytesBase64); " +
    "    var metadata = JSON.parse(metadataStr); " +
    "    return JSON.stringify(Decoder(payload, metadata));" +
    "    function Decoder(payload, metadata) {",
  "}" +
    "    function convertBytesBase64(bytesBase64) {" +
    "        var binary_string = atob(bytesBase64);" +
    "        try {" +
    "            binary_string = decodeURIComponent(binary_string.split('').map(function (c) {" +
    "                return '%' + ('00' + c.charCodeAt(0).toString(16)).slice(-2);" +
    "            }).join(''));" +
    "        } catch (ignored) {}" +
    "        var payload = [];" +
    "        for (var i = 0; i < binary_string.length; i++) {" +
    "            payload.push(binary_string.charCodeAt(i));" +
    "        }" +
    "        return payload;" +
    "    }" +
    "}",
];

// The downlink wrapper, built the same way (JSON strings in, JSON.stringify of the result out).
const DOWNLINK = [
  "(msgStr, metadataStr, msgType, integrationMetadataStr) { " +
    "    var msg = JSON.parse(msgStr); " +
    "    var metadata = JSON.parse(metadataStr); " +
    "    var integrationMetadata = JSON.parse(integrationMetadataStr); " +
    "    return JSON.stringify(Encoder(msg, metadata, msgType, integrationMetadata));" +
    "    function Encoder(msg, metadata, msgType, integrationMetadata) {",
  "}}",
];

// The script ThingsBoard evaluates, and where the user's body sits in it.
export function wrap(kind, body) {
  const [head, tail] = kind === "encode" ? DOWNLINK : UPLINK;
  const prefix = HELPERS + "function " + FUNCTION_NAME + head;
  return { text: prefix + body + tail, bodyStart: prefix.length, bodyEnd: prefix.length + body.length };
}

// -- the sandbox's steps ---------------------------------------------------------------------------
export const BEAUTIFY_OPTIONS = {
  brace_style: "collapse",
  preserve_newlines: false,
  indent_size: 1,
  max_preserve_newlines: 0,
};

export function beautified(text) {
  return beautify(text, BEAUTIFY_OPTIONS);
}

// Names the sandbox reserves for its interrupt checks; a script containing either is refused.
export function reservedNameAt(text) {
  const a = text.indexOf("__if"),
    b = text.indexOf("__it");
  if (a < 0) return b;
  return b < 0 ? a : Math.min(a, b);
}

// The sandbox's comment stripper (it knows strings but not regular expressions; a quote of either
// kind ends a string of either kind). Returns the text and, for each kept character, its offset.
export function withoutComments(text) {
  let out = "";
  const from = [];
  let mode = "code";
  for (let i = 0; i < text.length; i++) {
    const c = text[i],
      two = text.slice(i, i + 2);
    if (mode === "line") {
      if (c === "\n") mode = "code";
      continue;
    }
    if (mode === "block") {
      if (two === "*/") {
        mode = "code";
        i++;
      }
      continue;
    }
    if (mode === "code") {
      if (two === "/*") mode = "block";
      else if (two === "//") mode = "line";
      else if (c === '"' || c === "'") mode = "string";
    } else if (mode === "string") {
      mode = c === '"' || c === "'" ? "code" : c === "\\" ? "escape" : "string";
    } else if (mode === "escape") {
      mode = "string";
    }
    if (mode === "code" || mode === "string" || mode === "escape") {
      out += c;
      from.push(i);
    }
  }
  return { text: out, from };
}

// Java's regular-expression pieces that JavaScript spells differently.
const J_SPACE = "[ \\t\\n\\x0B\\f\\r]"; // \s
const J_DOT = "[^\\n\\r\\u0085\\u2028\\u2029]"; // .
const J_BOL = "(?:(?<![\\s\\S])|(?<=\\r\\n|[\\n\\u0085\\u2028\\u2029]|\\r(?!\\n))(?=[\\s\\S]))"; // ^ (MULTILINE)
const J_EOL = "(?!(?<=\\r)\\n)(?=[\\r\\n\\u0085\\u2028\\u2029]|(?![\\s\\S]))"; // $ (MULTILINE)
const J_END = "(?=(?:\\r\\n|[\\r\\n\\u0085\\u2028\\u2029])?(?![\\s\\S]))"; // $

// The three patterns of a loop without braces, checked in this order (only the first match of each).
const NO_BRACES = [
  { regex: new RegExp("for [^{]+" + J_END), keyword: "for " },
  { regex: new RegExp(J_BOL + J_SPACE + "*do [^{]*" + J_EOL), keyword: "do " },
  { regex: new RegExp(J_BOL + "[^}]*while [^{]+" + J_EOL), keyword: "while " },
];

// The sandbox's check on the beautified script: null, or {message, at} (at: offset in `text` of
// the loop keyword the match is about).
export function missingBraces(text) {
  const stripped = withoutComments(text);
  for (const { regex, keyword } of NO_BRACES) {
    const match = regex.exec(stripped.text);
    if (match === null) continue;
    // the "line" the sandbox inspects: from the previous newline to the match's first character
    const start = match.index;
    let lineStart = start;
    while (lineStart >= 0 && stripped.text[lineStart] !== "\n") lineStart--;
    const line = stripped.text.slice(lineStart + 1, start + 1);
    const singles = line.split("'").length - 1,
      doubles = line.split('"').length - 1;
    if (singles % 2 !== 0 || doubles % 2 !== 0 || line.includes("//")) continue; // taken for a string
    const keywordAt = start + match[0].indexOf(keyword);
    return {
      message:
        "Potentially no block braces after function|for|while|do. Found [" +
        match[0] +
        "]. To disable this exception, please set the option `allowNoBraces(true)`",
      at: stripped.from[keywordAt] ?? stripped.from[start] ?? 0,
    };
  }
  return null;
}

// The interrupt checks: each pattern's matches get "__if();" (the first: "__if();\n") after them.
const INTERRUPTS = [
  {
    regex: new RegExp("([^;]+;){9}[^;]+(?<!break|continue);\\n(?!\\W*(//" + J_DOT + "+\\W+)*else)", "g"),
    insert: "__if();\n",
  },
  { regex: new RegExp(J_SPACE + "*for" + J_SPACE + "*\\([^{]+\\)" + J_SPACE + "*\\{", "g"), insert: "__if();" },
  { regex: new RegExp(J_SPACE + "*for" + J_SPACE + "*\\([^{]+\\)" + J_SPACE + "*[^{]+;", "g"), insert: "__if();" },
  {
    regex: new RegExp(J_SPACE + '*([^"]?function)' + J_SPACE + '*[^"}]*\\(' + J_SPACE + "*\\)" + J_SPACE + "*\\{", "g"),
    insert: "__if();",
  },
  { regex: new RegExp(J_SPACE + "*while" + J_SPACE + "*\\([^{]+\\{", "g"), insert: "__if();" },
  { regex: new RegExp(J_SPACE + "*do" + J_SPACE + "*\\{", "g"), insert: "__if();" },
];

export function withInterrupts(text) {
  let current = text;
  for (const { regex, insert } of INTERRUPTS) {
    current = current.replace(regex, (match) => match + insert);
  }
  return current;
}

// The sandbox's preamble line (Java.type(...) in Nashorn; a plain object here: no Java in V8).
export const PREAMBLE = "var __it={test:function(){}};var __if=function(){__it.test();};\n";
