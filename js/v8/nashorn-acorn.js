// acorn for the local-engine tool, taken from the shared parser bundle (tbkit/converters/jsparse.js,
// built from jsparse.js), which tbkit/converters/nashorn/engine.py loads into the tool's context
// first: tbkit ships one JS parser, and nashorn.js's bundle holds no copy of acorn.
const shared = globalThis.__jsparseAcorn;
if (!shared) throw new Error("the local-engine tool needs tbkit/converters/jsparse.js loaded first");

export const Parser = shared.Parser;
export const parse = shared.parse;
export const tokTypes = shared.tokTypes;
