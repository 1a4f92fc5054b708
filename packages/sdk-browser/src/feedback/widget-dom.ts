/**
 * The widget's DOM helpers. It lives in a shadow root (the page's CSS cannot break it, it cannot
 * break the page) on a host marked `data-closeloop-block`, so the replay never records what is typed.
 */

const CSS = `
:host{all:initial}
*{box-sizing:border-box;font-family:var(--closeloop-font,system-ui,sans-serif)}
.backdrop{position:fixed;inset:0;background:rgba(0,0,0,.35);display:flex;align-items:center;justify-content:center;z-index:2147483646}
.dialog{background:var(--closeloop-bg,#fff);color:var(--closeloop-fg,#1d1d1f);border-radius:10px;padding:20px;width:min(440px,calc(100vw - 24px));max-height:calc(100vh - 24px);overflow:auto;box-shadow:0 12px 40px rgba(0,0,0,.25)}
h2{margin:0 0 12px;font-size:17px}
h3{margin:10px 0 4px;font-size:14px}
label{display:block;font-size:13px;margin:10px 0 4px}
textarea,input{width:100%;font-size:14px;padding:7px 9px;border:1px solid #c9c9cf;border-radius:6px;background:inherit;color:inherit}
input[type=checkbox]{width:auto;margin-right:6px}
textarea{min-height:64px;resize:vertical}
.row{display:flex;gap:8px;justify-content:flex-end;margin-top:16px}
button{font-size:14px;padding:7px 14px;border-radius:6px;border:1px solid #c9c9cf;background:transparent;color:inherit;cursor:pointer}
.primary{background:var(--closeloop-accent,#5b5bd6);border-color:transparent;color:#fff}
.error{color:#c62828;font-size:13px;margin:8px 0 0}
.offer{border:1px solid #c9c9cf;border-radius:6px;padding:4px 10px 8px;margin-top:8px;font-size:13px}
.offer ul{margin:4px 0 0;padding:0;list-style:none}
.offer li{display:flex;gap:8px;align-items:center;justify-content:space-between;margin-top:4px}
.offer button,.files button{font-size:12px;padding:3px 8px}
.shot{display:block;max-width:100%;max-height:120px;margin-top:4px;border:1px solid #c9c9cf}
.files ul{margin:4px 0;padding-left:18px;font-size:13px}
.fab{position:fixed;right:18px;bottom:18px;z-index:2147483645;background:var(--closeloop-accent,#5b5bd6);color:#fff;border:0;border-radius:20px;padding:9px 16px;box-shadow:0 4px 14px rgba(0,0,0,.2)}
.hp{position:absolute;left:-9999px}
[hidden]{display:none}
`;

export function host(): ShadowRoot {
  const el = document.createElement('div');
  el.setAttribute('data-closeloop-block', '');
  el.setAttribute('data-closeloop-feedback', '');
  document.body.appendChild(el);
  const root = el.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  root.appendChild(style);
  return root;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}
