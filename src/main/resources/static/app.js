// The live page: the display drawn from the SSE frame stream, its facts, and the plugins with their states kept
// live from the SSE state events. Plain browser JavaScript modules, no build step; every value from the service
// reaches the page through textContent, never as HTML.
import { API, forgetToken, read, send, storedToken } from './api.js';
import { LedScreen } from './screen.js';
import { powerText, reasonText, scheduleLines, when } from './schedule.js';

const $ = (id) => document.getElementById(id);
const ACTIVE = new Set(['enabled', 'running']);

const plugins = new Map(); // id -> summary from GET /plugins, patched by state events
const rows = new Map();    // id -> <li>
let display = null;        // GET /display
const screen = new LedScreen($('screen'));

function say(text, kind = 'info') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

function showTokenLink() {
  $('forget-token').hidden = !storedToken();
}

const write = (method, path, body) => send(method, path, body, say, showTokenLink);

// --- display facts ------------------------------------------------------------------------------------------

const brightness = $('brightness');
let brightnessTouched = 0; // while the user moves the slider, polling must not move it back

function renderDisplay() {
  if (!display) return;
  screen.fit(display.width, display.height);
  $('size').textContent = `${display.width} × ${display.height}`;
  $('backend').textContent = display.backend;
  $('fps').textContent = `${Math.round(display.fps)} of ${display.targetFps} fps`;
  $('current').textContent = display.notification ? `notification: ${display.notification.text}`
    : display.currentPlugin || 'nothing';
  $('reason').textContent = reasonText(display);
  $('reason').dataset.reason = display.reason || '';
  $('next-change').textContent = when(display.nextChangeAt) || 'nothing due';
  $('power').textContent = powerText(display.power);
  $('power-toggle').textContent = display.power?.on ? 'Switch off' : 'Switch on';
  $('power-toggle').setAttribute('aria-label', display.power?.on
    ? 'Switch the panel off until the next scheduled change' : 'Switch the panel on until the next scheduled change');
  $('dimmed').hidden = display.effectiveBrightness === display.brightness;
  $('dimmed').textContent = `Dimmed by the schedule to ${display.effectiveBrightness} % (manual ${display.brightness} %).`;
  $('held').hidden = !display.scheduleHeld;
  $('held').textContent = 'The schedule waits until the system clock is set (no time sync yet).';
  const pin = display.pinned;
  $('pinned').textContent = !pin ? 'no'
    : `${pin.pluginId} ${pin.until ? `until ${new Date(pin.until).toLocaleTimeString()}` : 'until unpinned'}`;
  $('unpin').hidden = !pin;
  $('panel-problem').hidden = !display.panelProblem;
  $('panel-problem').textContent = display.panelProblem ? `Running on the emulator: ${display.panelProblem}` : '';
  $('screen').setAttribute('aria-label', `Live view of the LED matrix, showing ${display.currentPlugin || 'nothing'}`);
  if (Date.now() - brightnessTouched > 3000) {
    brightness.value = display.brightness;
    $('brightness-value').textContent = `${display.brightness} %`;
  }
  for (const p of plugins.values()) renderPlugin(p);
}

async function refreshDisplay() {
  display = (await read('/display')) || display;
  renderDisplay();
}

async function refreshSchedule() {
  const schedule = await read('/display/schedule');
  if (!schedule) return;
  const list = $('schedule');
  list.replaceChildren(...scheduleLines(schedule, display?.timeZone || 'the system zone').map((line) => {
    const li = document.createElement('li');
    li.textContent = line;
    return li;
  }));
}

// --- plugins ------------------------------------------------------------------------------------------------

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
  const q = (selector) => li.querySelector(selector);
  const active = ACTIVE.has(p.state);
  const pinned = display?.pinned?.pluginId === p.id;
  const showing = display?.currentPlugin === p.id;
  li.dataset.state = p.state;
  li.classList.toggle('showing', showing);
  q('.plugin-id').textContent = p.id;
  q('.plugin-type').textContent = p.name && p.name !== p.id ? `${p.name} (${p.type})` : p.type;
  q('.badge').textContent = p.state;
  q('.badge').dataset.state = p.state;
  q('.on-screen').hidden = !showing;
  q('.pinned').hidden = !pinned;
  const times = [ago(p.lastUpdate) && `updated ${ago(p.lastUpdate)}`, ago(p.lastDisplay) && `shown ${ago(p.lastDisplay)}`];
  q('.plugin-times').textContent = times.filter(Boolean).join(' · ') || 'not updated or shown yet';
  const error = p.errorInfo?.error;
  q('.plugin-error').hidden = !error;
  const retry = p.errorInfo?.nextAttemptAt ? ` (next try at ${new Date(p.errorInfo.nextAttemptAt).toLocaleTimeString()})` : '';
  q('.plugin-error').textContent = error ? `${p.errorInfo.recoverable ? 'Last update failed' : 'Error'}: ${error}${retry}` : '';
  const label = (selector, text, aria) => {
    const button = q(selector);
    if (text) button.textContent = text;
    button.setAttribute('aria-label', aria);
    return button;
  };
  label('[data-action="toggle"]', active ? 'Disable' : 'Enable', `${active ? 'Disable' : 'Enable'} ${p.id}`);
  label('[data-action="update"]', null, `Update ${p.id} now`).disabled = p.state !== 'enabled';
  label('[data-action="reset"]', null, `Reset ${p.id}`).hidden = !(p.state === 'error' || error);
  label('[data-action="pin"]', pinned ? 'Unpin' : 'Pin', `${pinned ? 'Unpin' : 'Pin'} ${p.id}`).disabled = !pinned && !active;
}

async function refreshPlugins() {
  const list = await read('/plugins');
  if (!list) return;
  const seen = new Set(list.map((p) => p.id));
  for (const id of [...plugins.keys()].filter((id) => !seen.has(id))) {
    plugins.delete(id);
    rows.get(id)?.remove();
    rows.delete(id);
  }
  for (const p of list) {
    plugins.set(p.id, p);
    renderPlugin(p);
  }
  const ul = $('plugins');
  [...rows.keys()].sort().forEach((id, i) => { // moves only rows out of place: moving a row drops its focus
    if (ul.children[i] !== rows.get(id)) ul.insertBefore(rows.get(id), ul.children[i] ?? null);
  });
  $('plugins-empty').hidden = rows.size > 0;
  $('plugins-empty').textContent = 'No plugins.';
}

let refreshTimer = null;
function refreshPluginsSoon() { // at most a few times a second, however many events arrive
  refreshTimer ??= setTimeout(() => {
    refreshTimer = null;
    refreshPlugins();
  }, 300);
}

function onState(event) {
  const e = JSON.parse(event.data);
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
  let result;
  if (action === 'toggle') {
    const verb = ACTIVE.has(plugins.get(id)?.state) ? 'disable' : 'enable';
    result = await write('POST', `/plugins/${encodeURIComponent(id)}/${verb}`);
  } else if (action === 'pin' && display?.pinned?.pluginId === id) {
    result = await write('DELETE', '/display/pin');
    if (result) say(`${id} unpinned; the rotation goes on.`);
  } else if (action === 'pin') {
    const seconds = $('pin-duration').value;
    result = await write('POST', '/display/pin', seconds ? { pluginId: id, duration: Number(seconds) } : { pluginId: id });
    if (result) say(`${id} pinned ${seconds ? `for ${$('pin-duration').selectedOptions[0].textContent}` : 'until unpinned'}.`);
  } else {
    result = await write('POST', `/plugins/${encodeURIComponent(id)}/${action}`);
  }
  if (result?.message) say(`${id}: ${result.message}`);
  button.disabled = false;
  await Promise.all([refreshPlugins(), refreshDisplay()]);
}

// --- wiring -------------------------------------------------------------------------------------------------

$('plugins').addEventListener('click', (e) => {
  const button = e.target.closest('button[data-action]');
  const li = button?.closest('li[data-plugin-id]');
  if (li) act(button, li.dataset.pluginId, button.dataset.action);
});

$('power-toggle').addEventListener('click', async () => {
  const on = !display?.power?.on;
  const power = await write('PUT', '/display/power', { on, until: null });
  if (power) say(`Panel switched ${on ? 'on' : 'off'}${power.until ? ` until ${when(power.until)}` : ''}.`);
  refreshDisplay();
});

$('unpin').addEventListener('click', async () => {
  if (await write('DELETE', '/display/pin')) say('Unpinned; the rotation goes on.');
  refreshDisplay();
});

brightness.addEventListener('input', () => {
  brightnessTouched = Date.now();
  $('brightness-value').textContent = `${brightness.value} %`;
});
brightness.addEventListener('change', async () => {
  brightnessTouched = Date.now();
  if (await write('PUT', '/display/brightness', { brightness: Number(brightness.value) })) {
    say(`Brightness ${brightness.value} %.`);
  }
  brightnessTouched = 0;
  refreshDisplay();
});

showTokenLink();
$('forget-token').addEventListener('click', (e) => {
  e.preventDefault();
  forgetToken();
  showTokenLink();
  say('The API token is forgotten; the next change will ask for it.');
});

const streams = [];
function showConnection() {
  const live = streams.every((s) => s.readyState === EventSource.OPEN);
  $('connection').dataset.state = live ? 'live' : 'reconnecting';
  $('connection').textContent = live ? 'live' : 'reconnecting…';
}

// The server ends each stream after ledmatrix.web.stream-lifetime; EventSource reconnects by itself (sending
// Last-Event-ID, so no state event is missed). A refused connection (503 when the stream is full) closes the
// EventSource for good, so then a new one is opened after a pause.
function stream(path, event, handler, onReopen) {
  let opened = false;
  const slot = streams.length;
  function open() {
    const source = new EventSource(`${API}${path}`);
    source.addEventListener(event, handler);
    source.addEventListener('open', () => {
      if (opened) onReopen?.(); // events may have been missed while away
      opened = true;
      showConnection();
    });
    source.addEventListener('error', () => {
      showConnection();
      if (source.readyState === EventSource.CLOSED) setTimeout(open, 5000);
    });
    streams[slot] = source;
  }
  open();
}

document.addEventListener('ledmatrix:plugins-changed', () => refreshPlugins()); // from manage.js
stream('/display/stream', 'frame', (event) => screen.show(JSON.parse(event.data)));
stream('/events', 'state', onState, refreshPlugins);
setInterval(refreshDisplay, 1000);
setInterval(refreshSchedule, 30000);
refreshPlugins();
refreshDisplay().then(refreshSchedule);
