// The shop's own code. serve.mjs bundles and minifies it to /app.min.js with a source map, as a real
// build would, so Closeloop has minified stack frames to symbolicate.

const cart = [];

function money(cents) {
  return `$${(cents / 100).toFixed(2)}`;
}

async function loadProducts() {
  const res = await fetch('/api/products');
  return res.json();
}

function renderProducts(products) {
  const list = document.getElementById('products');
  list.innerHTML = '';
  for (const p of products) {
    const li = document.createElement('li');
    li.className = 'product';
    li.innerHTML = `<div class="swatch" style="background:${p.color}"></div><h3></h3><p class="price"></p>`;
    li.querySelector('h3').textContent = p.name;
    li.querySelector('.price').textContent = money(p.price);
    const add = document.createElement('button');
    add.type = 'button';
    add.textContent = 'Add to cart';
    add.dataset.sku = p.sku;
    add.addEventListener('click', () => addToCart(p));
    li.append(add);
    list.append(li);
  }
}

function addToCart(product) {
  const line = cart.find((l) => l.sku === product.sku);
  if (line) line.qty += 1;
  else cart.push({ sku: product.sku, name: product.name, price: product.price, qty: 1 });
  renderCart();
}

function renderCart() {
  const lines = document.getElementById('cart-lines');
  lines.innerHTML = '';
  for (const l of cart) {
    const li = document.createElement('li');
    li.textContent = `${l.qty} × ${l.name}`;
    lines.append(li);
  }
  document.getElementById('cart-count').textContent = String(cart.reduce((n, l) => n + l.qty, 0));
  document.getElementById('cart-total').textContent = money(cart.reduce((n, l) => n + l.qty * l.price, 0));
}

// Bug 1: the gift message reads the wrapping options of a product that has none.
function giftMessageFor(line) {
  const options = line.wrapping;
  return options.message.trim();
}

function addGiftMessage() {
  const first = cart[0] ?? { sku: 'none', name: 'nothing' };
  const message = giftMessageFor(first);
  document.getElementById('checkout-status').textContent = `Gift message: ${message}`;
}

// Pages are routes of one document (history.pushState), so the SDK sees /checkout and
// /order/confirmed as route changes, like in a single-page shop.
function show(path) {
  const known = ['/', '/checkout', '/order/confirmed'];
  const route = known.includes(path) ? path : '/';
  for (const section of document.querySelectorAll('[data-route]'))
    section.hidden = section.getAttribute('data-route') !== route;
}

function go(path) {
  if (location.pathname !== path) history.pushState(null, '', path);
  show(path);
}

// Bug 2: the payment API answers 500 for orders with gift wrap.
// The card details never leave the page: the demo has no payment provider, and the replay
// test checks that nothing typed here reaches Closeloop.
async function placeOrder(event) {
  event.preventDefault();
  const status = document.getElementById('checkout-status');
  const button = document.getElementById('place-order');
  status.textContent = 'Placing your order…';
  button.disabled = true;
  try {
    const res = await fetch('/api/checkout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lines: cart, giftWrap: document.getElementById('gift').checked }),
    });
    if (!res.ok) {
      status.textContent = 'Checkout failed, please try again.';
      return;
    }
    const order = await res.json();
    // The shopper gave up waiting and left the checkout (the slow-checkout story): the demo
    // counts the order as abandoned and does not pull them back to a confirmation.
    if (location.pathname !== '/checkout') return;
    document.getElementById('order-number').textContent = order.orderNumber;
    status.textContent = 'Thank you for your order!';
    cart.length = 0;
    renderCart();
    document.getElementById('checkout-form').reset();
    go('/order/confirmed');
  } finally {
    button.disabled = false;
  }
}

// Bug 3: "Apply coupon" was never wired up — users click it again and again (rage click),
// and "Size guide" is a link whose page was removed; its handler swallows the click (dead link).
function wireDeadEnds() {
  document.getElementById('size-guide').addEventListener('click', (e) => e.preventDefault());
}

function start() {
  const banner = document.getElementById('reporting');
  banner.textContent = window.SHOP_DSN
    ? `Reporting to Closeloop: ${window.SHOP_DSN}`
    : 'Not reporting: open with ?dsn=<your DSN> or start serve.mjs with CLOSELOOP_DSN.';
  document.getElementById('gift-wrap').addEventListener('click', addGiftMessage);
  document.getElementById('checkout').addEventListener('click', () => go('/checkout'));
  document.getElementById('checkout-form').addEventListener('submit', (e) => void placeOrder(e));
  for (const home of document.querySelectorAll('#continue-shopping, .brand'))
    home.addEventListener('click', (e) => {
      e.preventDefault();
      go('/');
    });
  addEventListener('popstate', () => show(location.pathname));
  show(location.pathname);
  wireDeadEnds();
  loadProducts().then(renderProducts, () => {});
}

start();
