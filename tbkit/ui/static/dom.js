// Shared by tbkit's widget modules (prepended to each by tbkit/ui/_base.py:widget_module):
// DOM building that only ever inserts user data as text, and local times.

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
  return node;
}

function time(ts) {
  if (ts === null || ts === undefined) return "";
  const d = new Date(ts);
  return d.toLocaleTimeString() + "." + String(d.getMilliseconds()).padStart(3, "0");
}

