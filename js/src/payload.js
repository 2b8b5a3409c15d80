// The converter editor's test payload in its four forms (JSON, TEXT, HEX, BASE64): switching the
// payload type converts the payload's bytes, or says plainly why it cannot and what is expected.

const NAMES = { json: "JSON", text: "TEXT", hex: "HEX", base64: "BASE64" };
export const EXPECTS = {
  json: "a JSON document",
  text: "any text",
  hex: "pairs of hex digits, such as 01 0a ff",
  base64: "base64, such as AQr/",
};

function parseHex(text) {
  const digits = text.replace(/\s+/g, "").replace(/^0x/i, "");
  if (digits.length % 2 || /[^0-9a-f]/i.test(digits)) return null;
  const bytes = new Uint8Array(digits.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function parseBase64(text) {
  const compact = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4) return null;
  const binary = atob(compact);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The payload text's bytes in format `fmt`, or null when it is not that format. */
export function toBytes(text, fmt) {
  if (fmt === "hex") return parseHex(text);
  if (fmt === "base64") return parseBase64(text);
  return new TextEncoder().encode(text);
}

/** Bytes as payload text in format `fmt`, or null when they cannot be (not UTF-8 text). */
export function fromBytes(bytes, fmt) {
  if (fmt === "hex") return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
  if (fmt === "base64") return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The payload converted from one format to another: `{text, note, keep}`. `keep` asks to stay
 * in the old format (the bytes have no form in the new one); `note` says what happened in words.
 */
export function convertPayload(text, from, to) {
  if (from === to || !text.trim()) return { text, note: "", keep: false };
  const bytes = toBytes(text, from);
  if (bytes === null)
    return {
      text,
      note: `the payload is not valid ${NAMES[from]}, so it is left as typed: ${NAMES[to]} expects ${EXPECTS[to]}`,
      keep: false,
    };
  const converted = fromBytes(bytes, to);
  if (converted === null)
    return {
      text,
      note: `these bytes are not UTF-8 text, so they stay ${NAMES[from]} (${NAMES[to]} expects ${EXPECTS[to]})`,
      keep: true,
    };
  const note = to === "json" && !isJson(converted) ? `this text is not a JSON document: JSON expects one` : "";
  return { text: converted, note, keep: false };
}
