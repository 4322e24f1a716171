// The live page: the display drawn from the SSE frame stream, its facts, and the plugins with their states kept
// live from the SSE state events. Plain browser JavaScript, no build step; every value from the service reaches
// the page through textContent, never as HTML.
'use strict';

(() => {
  const API = 'api/v1';
  const LED = 8; // canvas pixels per LED: the frame is drawn scaled up, then a mask makes each LED a round dot
  const TOKEN_KEY = 'ledmatrix.apiToken';
  const $ = (id) => document.getElementById(id);

  const plugins = new Map(); // id -> summary from GET /plugins, patched by state events
  const rows = new Map();    // id -> <li>
  let display = null;        // GET /display

  // --- messages ---------------------------------------------------------------------------------------------

  function say(text, kind = 'info') {
    const status = $('status');
    status.textContent = text;
    status.dataset.kind = kind;
  }

  function problemText(body, res) {
    if (body && typeof body === 'object') {
      const fields = Array.isArray(body.errors) ? body.errors.map((e) => `${e.field}: ${e.message}`) : [];
      return body.detail || fields.join('; ') || body.title || `HTTP ${res.status}`;
    }
    return `HTTP ${res.status}`;
  }

  // --- the API token: asked once, kept in this browser, asked again when refused --------------------------------

  function storedToken() {
    return localStorage.getItem(TOKEN_KEY);
  }

  function forgetToken() {
    localStorage.removeItem(TOKEN_KEY);
    $('forget-token').hidden = true;
  }

  function askToken(question) {
    const answer = window.prompt(question);
    const token = answer ? answer.trim() : '';
    if (!token) return null;
    localStorage.setItem(TOKEN_KEY, token);
    $('forget-token').hidden = false;
    return token;
  }

  async function readJson(res) {
    const text = await res.text();
    try { return text ? JSON.parse(text) : null; } catch { return null; }
  }

  /** A write with the bearer token; resolves to the answer's JSON (or {}), or null after saying what failed. */
  async function send(method, path, body) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = attempt === 0
        ? storedToken() || askToken('API token (the file api-token in the service\'s data directory):')
        : askToken('That token was not accepted. API token:');
      if (!token) {
        say('Not sent: changes need the API token.', 'error');
        return null;
      }
      const headers = { Authorization: `Bearer ${token}` };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      let res;
      try {
        res = await fetch(`${API}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      } catch (e) {
        say(`Could not reach the service: ${e.message}`, 'error');
        return null;
      }
      if (res.status === 401 || res.status === 403) {
        forgetToken();
        continue;
      }
      const data = await readJson(res);
      if (!res.ok) {
        say(problemText(data, res), 'error');
        return null;
      }
      return data || {};
    }
    say('Not sent: the token was not accepted.', 'error');
    return null;
  }

  // --- the live display -------------------------------------------------------------------------------------

  const screen = $('screen');
  const ctx = screen.getContext('2d');
  let mask = null;
  let pending = null;   // the newest frame not drawn yet: a slow page skips frames, it never queues them
  let drawing = false;
  let framesDrawn = 0;
  let framesThisSecond = 0;
  let pageFps = 0;

  function makeMask(width, height) {
    const tile = document.createElement('canvas');
    tile.width = tile.height = LED;
    const t = tile.getContext('2d');
    t.fillStyle = '#0b0b0b';
    t.fillRect(0, 0, LED, LED);
    t.globalCompositeOperation = 'destination-out';
    t.beginPath();
    t.arc(LED / 2, LED / 2, LED * 0.42, 0, Math.PI * 2);
    t.fill();
    t.globalCompositeOperation = 'source-over';
    t.fillStyle = 'rgba(255, 255, 255, 0.06)'; // an unlit LED still shows
    t.fill();
    const m = document.createElement('canvas');
    m.width = width * LED;
    m.height = height * LED;
    const c = m.getContext('2d');
    c.fillStyle = c.createPattern(tile, 'repeat');
    c.fillRect(0, 0, m.width, m.height);
    return m;
  }

  function fitScreen(width, height) {
    if (mask && screen.width === width * LED && screen.height === height * LED) return;
    screen.width = width * LED;
    screen.height = height * LED;
    mask = makeMask(width, height);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, screen.width, screen.height);
    ctx.drawImage(mask, 0, 0);
  }

  async function drawFrames() {
    drawing = true;
    while (pending) {
      const frame = pending;
      pending = null;
      const img = new Image();
      img.src = `data:image/png;base64,${frame.png}`;
      try {
        await img.decode();
      } catch {
        continue;
      }
      fitScreen(frame.width, frame.height);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(img, 0, 0, screen.width, screen.height);
      ctx.drawImage(mask, 0, 0);
      framesDrawn++;
      framesThisSecond++;
      screen.dataset.frames = String(framesDrawn);
      screen.dataset.seq = String(frame.seq);
    }
    drawing = false;
  }

  // --- display facts ----------------------------------------------------------------------------------------

  const brightness = $('brightness');
  let brightnessTouched = 0; // while the user moves the slider, polling must not move it back

  function renderDisplay() {
    if (!display) return;
    fitScreen(display.width, display.height);
    $('size').textContent = `${display.width} × ${display.height}`;
    $('backend').textContent = display.backend;
    $('fps').textContent = `${Math.round(display.fps)} of ${display.targetFps} fps (this page: ${pageFps})`;
    $('current').textContent = display.currentPlugin || 'nothing';
    const pin = display.pinned;
    $('pinned').textContent = pin ? `${pin.pluginId} ${pin.until ? `until ${new Date(pin.until).toLocaleTimeString()}` : 'until unpinned'}` : 'no';
    $('unpin').hidden = !pin;
    const problem = $('panel-problem');
    problem.hidden = !display.panelProblem;
    problem.textContent = display.panelProblem ? `Running on the emulator: ${display.panelProblem}` : '';
    screen.setAttribute('aria-label', `Live view of the LED matrix, showing ${display.currentPlugin || 'nothing'}`);
    if (Date.now() - brightnessTouched > 3000) {
      brightness.value = display.brightness;
      $('brightness-value').textContent = `${display.brightness} %`;
    }
    for (const p of plugins.values()) renderPlugin(p);
  }

  async function refreshDisplay() {
    try {
      const res = await fetch(`${API}/display`);
      if (res.ok) display = await res.json();
    } catch { /* the connection badge says it */ }
    renderDisplay();
  }

  // --- plugins ----------------------------------------------------------------------------------------------

  const ACTIVE = new Set(['enabled', 'running']);

  function ago(iso) {
    if (!iso) return null;
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 2) return 'just now';
    if (s < 90) return `${s} s ago`;
    if (s < 5400) return `${Math.round(s / 60)} min ago`;
    return new Date(iso).toLocaleString();
  }

  function renderPlugin(p) {
    let li = rows.get(p.id);
    if (!li) {
      li = $('plugin-template').content.firstElementChild.cloneNode(true);
      li.dataset.pluginId = p.id;
      rows.set(p.id, li);
    }
    const q = (sel) => li.querySelector(sel);
    const active = ACTIVE.has(p.state);
    const pinned = display && display.pinned && display.pinned.pluginId === p.id;
    const showing = display && display.currentPlugin === p.id;
    li.dataset.state = p.state;
    li.classList.toggle('showing', !!showing);
    q('.plugin-id').textContent = p.id;
    q('.plugin-type').textContent = p.name && p.name !== p.id ? `${p.name} (${p.type})` : p.type;
    q('.badge').textContent = p.state;
    q('.badge').dataset.state = p.state;
    q('.on-screen').hidden = !showing;
    q('.pinned').hidden = !pinned;
    const times = [ago(p.lastUpdate) && `updated ${ago(p.lastUpdate)}`, ago(p.lastDisplay) && `shown ${ago(p.lastDisplay)}`];
    q('.plugin-times').textContent = times.filter(Boolean).join(' · ') || 'not updated or shown yet';
    const error = p.errorInfo && p.errorInfo.error;
    q('.plugin-error').hidden = !error;
    q('.plugin-error').textContent = error ? `${p.errorInfo.recoverable ? 'Last update failed' : 'Error'}: ${error}` : '';
    const toggle = q('[data-action="toggle"]');
    toggle.textContent = active ? 'Disable' : 'Enable';
    toggle.setAttribute('aria-label', `${toggle.textContent} ${p.id}`);
    const update = q('[data-action="update"]');
    update.disabled = p.state !== 'enabled';
    update.setAttribute('aria-label', `Update ${p.id} now`);
    const reset = q('[data-action="reset"]');
    reset.hidden = !(p.state === 'error' || error);
    reset.setAttribute('aria-label', `Reset ${p.id}`);
    const pin = q('[data-action="pin"]');
    pin.textContent = pinned ? 'Unpin' : 'Pin';
    pin.disabled = !pinned && !active;
    pin.setAttribute('aria-label', `${pin.textContent} ${p.id}`);
  }

  function placeRows() {
    const list = $('plugins');
    [...rows.keys()].sort().forEach((id) => list.appendChild(rows.get(id))); // moves, keeps focus
    $('plugins-empty').hidden = rows.size > 0;
    $('plugins-empty').textContent = 'No plugins.';
  }

  async function refreshPlugins() {
    let list;
    try {
      const res = await fetch(`${API}/plugins`);
      if (!res.ok) return;
      list = await res.json();
    } catch {
      return;
    }
    const seen = new Set(list.map((p) => p.id));
    for (const id of [...plugins.keys()]) {
      if (!seen.has(id)) {
        plugins.delete(id);
        rows.get(id)?.remove();
        rows.delete(id);
      }
    }
    for (const p of list) {
      plugins.set(p.id, p);
      renderPlugin(p);
    }
    placeRows();
  }

  let refreshTimer = null;
  function refreshPluginsSoon() { // at most a few times a second, however many events arrive
    if (!refreshTimer) refreshTimer = setTimeout(() => { refreshTimer = null; refreshPlugins(); }, 300);
  }

  function onState(ev) {
    const e = JSON.parse(ev.data);
    const p = plugins.get(e.pluginId);
    if (p) {
      p.state = e.to;
      if (e.error) p.errorInfo = { ...(p.errorInfo || {}), error: e.error };
      renderPlugin(p);
    }
    refreshPluginsSoon(); // then the full picture: times, error details, new or removed plugins
  }

  async function act(button, id, action) {
    button.disabled = true;
    let result = null;
    if (action === 'toggle') {
      const verb = ACTIVE.has(plugins.get(id)?.state) ? 'disable' : 'enable';
      result = await send('POST', `/plugins/${encodeURIComponent(id)}/${verb}`);
    } else if (action === 'pin' && display?.pinned?.pluginId === id) {
      result = await send('DELETE', '/display/pin');
      if (result) say(`${id} unpinned; the rotation goes on.`);
    } else if (action === 'pin') {
      const seconds = $('pin-duration').value;
      result = await send('POST', '/display/pin', seconds ? { pluginId: id, duration: Number(seconds) } : { pluginId: id });
      if (result) say(`${id} pinned ${seconds ? `for ${$('pin-duration').selectedOptions[0].textContent}` : 'until unpinned'}.`);
    } else {
      result = await send('POST', `/plugins/${encodeURIComponent(id)}/${action}`);
    }
    if (result && result.message) say(`${id}: ${result.message}`);
    button.disabled = false;
    await Promise.all([refreshPlugins(), refreshDisplay()]);
  }

  // --- wiring -----------------------------------------------------------------------------------------------

  $('plugins').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-action]');
    const li = button && button.closest('li[data-plugin-id]');
    if (li) act(button, li.dataset.pluginId, button.dataset.action);
  });

  $('unpin').addEventListener('click', async () => {
    if (await send('DELETE', '/display/pin')) say('Unpinned; the rotation goes on.');
    refreshDisplay();
  });

  brightness.addEventListener('input', () => {
    brightnessTouched = Date.now();
    $('brightness-value').textContent = `${brightness.value} %`;
  });
  brightness.addEventListener('change', async () => {
    brightnessTouched = Date.now();
    if (await send('PUT', '/display/brightness', { brightness: Number(brightness.value) })) {
      say(`Brightness ${brightness.value} %.`);
    }
    brightnessTouched = 0;
    refreshDisplay();
  });

  $('forget-token').hidden = !storedToken();
  $('forget-token').addEventListener('click', (e) => {
    e.preventDefault();
    forgetToken();
    say('The API token is forgotten; the next change will ask for it.');
  });

  const streams = {};
  function showConnection() {
    const all = Object.values(streams);
    const live = all.length > 0 && all.every((s) => s.readyState === EventSource.OPEN);
    const badge = $('connection');
    badge.dataset.state = live ? 'live' : 'reconnecting';
    badge.textContent = live ? 'live' : 'reconnecting…';
  }

  function stream(name, path, event, handler, onReopen) {
    const source = new EventSource(`${API}${path}`);
    let opened = false;
    source.addEventListener(event, handler);
    source.addEventListener('open', () => {
      if (opened && onReopen) onReopen(); // events may have been missed while away
      opened = true;
      showConnection();
    });
    source.addEventListener('error', showConnection);
    streams[name] = source;
  }

  stream('frames', '/display/stream', 'frame', (ev) => {
    pending = JSON.parse(ev.data);
    if (!drawing) drawFrames();
  });
  stream('events', '/events', 'state', onState, refreshPlugins);

  setInterval(() => {
    pageFps = framesThisSecond;
    framesThisSecond = 0;
    refreshDisplay();
  }, 1000);
  refreshPlugins();
  refreshDisplay();
})();
