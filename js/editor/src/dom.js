// Small DOM helpers: every child that is not a Node becomes a text node.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : String(child ?? ""));
  return node;
}

export function field(label, input) {
  return [el("label", {}, label), input];
}

export function debounce(fn, ms) {
  let timer = null;
  const wrapped = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(); }, ms);
  };
  wrapped.now = () => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    fn();
  };
  wrapped.cancel = () => clearTimeout(timer);
  return wrapped;
}
