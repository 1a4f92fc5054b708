/**
 * A screenshot of what the reporter sees, taken in the browser with no library: the page's DOM is
 * cloned with every typed value masked, its same-origin styles and images inlined, wrapped in an
 * SVG `<foreignObject>` and drawn to a canvas, which gives a PNG. An SVG image loaded from a
 * `data:` URL fetches nothing, so the canvas stays readable (no CORS taint); what it cannot inline
 * (cross-origin stylesheets and images) is simply missing from the picture.
 */

const MASK = '•';
/** Not pictured: the widget itself, and what the page asked the replay never to show. */
const LEFT_OUT = '[data-closeloop-feedback],script,noscript,iframe,object,embed';
const BLOCKED = '[data-closeloop-block]';
const MASKED_TEXT = '[data-closeloop-mask]';
/** Input types whose value is a label, not something typed. */
const LABEL_INPUTS = new Set(['button', 'submit', 'reset', 'image', 'checkbox', 'radio', 'range', 'color']);

const masked = (s: string) => MASK.repeat(Math.min(s.length, 40));

/** The rules of every stylesheet the page may read (cross-origin ones cannot be read, and are left out). */
function pageCss(): string {
  let css = '';
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) css += `${rule.cssText}\n`;
    } catch {
      // A cross-origin stylesheet: its rules are not readable.
    }
  }
  return css;
}

/** An image as a data: URL when it is loaded and same-origin; undefined otherwise. */
function inlineImage(img: HTMLImageElement): string | undefined {
  if (!img.complete || img.naturalWidth === 0) return undefined;
  try {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    c.getContext('2d')?.drawImage(img, 0, 0);
    return c.toDataURL();
  } catch {
    return undefined;
  }
}

/** The page's DOM as it is now, with typed values masked and nothing that could load or run. */
function maskedClone(): HTMLElement {
  const root = document.documentElement;
  const clone = root.cloneNode(true) as HTMLElement;
  // Walk both trees together: the clone has the same elements in the same order.
  const originals = Array.from(root.querySelectorAll('*'));
  const copies = Array.from(clone.querySelectorAll('*'));
  originals.forEach((el, i) => {
    const copy = copies[i] as HTMLElement | undefined;
    if (!copy) return;
    if (el instanceof HTMLInputElement) {
      if (LABEL_INPUTS.has(el.type)) {
        if (el.checked) copy.setAttribute('checked', '');
        else copy.removeAttribute('checked');
      } else copy.setAttribute('value', el.type === 'file' ? '' : masked(el.value));
    } else if (el instanceof HTMLTextAreaElement) copy.textContent = masked(el.value);
    else if (el instanceof HTMLSelectElement) {
      for (const o of Array.from(copy.querySelectorAll('option'))) o.textContent = MASK.repeat(6);
    } else if (el instanceof HTMLImageElement) {
      const src = inlineImage(el);
      copy.removeAttribute('srcset');
      if (src) copy.setAttribute('src', src);
      else copy.removeAttribute('src');
    } else if (el instanceof HTMLCanvasElement) {
      const box = document.createElement('div');
      box.style.cssText = copyBox(el);
      copy.replaceWith(box);
    }
  });
  for (const el of Array.from(clone.querySelectorAll(BLOCKED))) {
    el.replaceChildren();
    (el as HTMLElement).style.background = '#d9d9de';
  }
  for (const el of Array.from(clone.querySelectorAll(MASKED_TEXT))) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      n.textContent = (n.textContent ?? '').replace(/\S/g, '*');
  }
  for (const el of Array.from(clone.querySelectorAll(`${LEFT_OUT},link,style`))) el.remove();
  const style = document.createElement('style');
  style.textContent = pageCss();
  (clone.querySelector('head') ?? clone).appendChild(style);
  return clone;
}

function copyBox(el: Element): string {
  const r = el.getBoundingClientRect();
  return `width:${r.width}px;height:${r.height}px;background:#d9d9de`;
}

/** The visible part of the page, masked, as an SVG image (what captureScreenshot draws). */
export function screenshotSvg(width: number, height: number): string {
  const xhtml = new XMLSerializer().serializeToString(maskedClone());
  // The page scrolled: the picture starts where the reader is.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<foreignObject x="0" y="0" width="${width + scrollX}" height="${height + scrollY}" transform="translate(${-scrollX} ${-scrollY})">` +
    `${xhtml}</foreignObject></svg>`
  );
}

/**
 * The visible part of the page as a PNG (CSS pixels). The DOM is copied at once (synchronously);
 * resolves undefined when the browser cannot draw it; never throws.
 */
export async function captureScreenshot(): Promise<Blob | undefined> {
  try {
    const width = innerWidth;
    const height = innerHeight;
    const svg = screenshotSvg(width, height);
    const img = new Image();
    img.width = width;
    img.height = height;
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('screenshot image failed'));
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    // White where the page has no background of its own.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob | undefined>((resolve) =>
      canvas.toBlob((b) => resolve(b ?? undefined), 'image/png'),
    );
  } catch {
    return undefined;
  }
}
