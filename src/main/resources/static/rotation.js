// The rotation order on the page: every plugin in the order the rotation shows them, each with buttons to move it
// earlier or later (keyboard and screen-reader friendly, unlike drag and drop). A move is saved at once with
// PUT /api/v1/display/rotation; the section stays hidden where the service has no rotation-order API.
import { exchange, read, storedToken } from './api.js';

const $ = (id) => document.getElementById(id);
const list = $('rotation-order');
let order = [];

function say(text, kind = 'info') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

function render(focus) {
  const items = order.map((id, i) => {
    const li = document.createElement('li');
    li.dataset.pluginId = id;
    const name = document.createElement('span');
    name.className = 'rotation-id';
    name.textContent = id;
    li.append(name);
    for (const [move, text, label] of [[-1, '↑', 'earlier'], [1, '↓', 'later']]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'small';
      b.textContent = text;
      b.dataset.move = String(move);
      b.setAttribute('aria-label', `Show ${id} ${label}`);
      b.disabled = i + move < 0 || i + move >= order.length;
      li.append(b);
    }
    return li;
  });
  list.replaceChildren(...items);
  if (focus) {
    const li = list.querySelector(`li[data-plugin-id="${CSS.escape(focus.id)}"]`);
    const b = li?.querySelector(`button[data-move="${focus.move}"]`);
    (b && !b.disabled ? b : li?.querySelector('button:not(:disabled)'))?.focus();
  }
}

async function refresh() {
  const answer = await read('/display/rotation');
  $('rotation').hidden = !answer;
  if (!answer || list.contains(document.activeElement)) return; // never pull the list from under the keyboard
  order = answer.order ?? [];
  render();
}

list.addEventListener('click', async (e) => {
  const button = e.target.closest('button[data-move]');
  const id = button?.closest('li[data-plugin-id]')?.dataset.pluginId;
  if (!id) return;
  const move = Number(button.dataset.move);
  const at = order.indexOf(id);
  const next = [...order];
  next.splice(at, 1);
  next.splice(at + move, 0, id);
  const result = await exchange('PUT', '/display/rotation', { order: next }, () => {
    $('forget-token').hidden = !storedToken();
  });
  if (!result.ok) {
    say(result.message, 'error');
    return;
  }
  order = result.data.order ?? next;
  render({ id, move });
  say(`Rotation: ${order.join(', ')}.`);
});

document.addEventListener('ledmatrix:plugins-changed', refresh);
refresh();
setInterval(refresh, 5000);
