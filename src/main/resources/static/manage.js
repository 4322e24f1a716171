// Managing plugin instances from the page: add one (type, id, timings, config), edit its config, delete it with
// a confirmation. Everything goes through the REST API with the token api.js keeps; the plugin list itself
// follows from the state events app.js listens to. Forms come from the type's JSON Schema (forms.js).
import { exchange, read, storedToken } from './api.js';
import { ErrorSlots, schemaForm } from './forms.js';

const $ = (id) => document.getElementById(id);
const ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$';

const dialog = $('plugin-dialog');
const form = $('plugin-form');
const typeSelect = $('plugin-type');
const confirmDialog = $('delete-dialog');

let types = null;   // GET /plugin-types, once per page
let session = null; // the open dialog: {mode, id, slots, instance, config}
let opener = null;  // the button that opened a dialog gets the focus back

function say(text, kind = 'info') {
  $('status').textContent = text;
  $('status').dataset.kind = kind;
}

const onToken = () => { $('forget-token').hidden = !storedToken(); };
const plugin = (id) => `/plugins/${encodeURIComponent(id)}`;

async function loadTypes() {
  if (!types) types = (await read('/plugin-types'))?.types ?? null;
  return types ?? [];
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIME = { type: 'string', pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$', maxLength: 5 };

/**
 * The instance fields as a schema, so the same generator (and error slots) serve them: those of the create request
 * (`create`), or those PATCH /plugins/{id} changes (`patch`, when the service has it: its details list
 * `livePriority`).
 */
function instanceSchema(type, mode) {
  const seconds = (title, description, minimum, maximum) => ({ type: 'number', title, minimum, maximum, description });
  const properties = {};
  if (mode === 'create') {
    properties.id = { type: 'string', title: 'ID', pattern: ID_PATTERN, maxLength: 63,
      description: 'Lower-case letters, digits and dashes, e.g. outside-temp.' };
    properties.enabled = { type: 'boolean', title: 'Enabled', description: 'Runs and joins the rotation.' };
  }
  properties.updateInterval = seconds('Update interval',
    `Seconds between updates (type default ${type?.defaultUpdateInterval ?? '—'}).`, 0.1, 604800);
  properties.updateTimeout = seconds('Update timeout', 'Seconds an update may take; empty for the service default.',
    0.1, 3600);
  properties.displayDuration = seconds('Display duration',
    'Seconds on screen in the rotation; empty for the display default.', 1, 86400);
  if (mode === 'patch') {
    properties.maxDisplayDuration = seconds('Longest turn',
      'Seconds a turn may last while the plugin finishes its cycle; empty for the default (180).', 1, 3600);
    properties.livePriority = { type: 'boolean', title: 'Live priority',
      description: 'Its live content (if its type reports any) interrupts the rotation.' };
    properties.activeWindows = { type: 'array', title: 'Shown only during',
      description: 'Weekly windows in the display\'s time zone; none means always.',
      items: { type: 'object', title: 'Window', required: ['from', 'to'], properties: {
        days: { type: 'array', title: 'Days', items: { enum: DAYS }, uniqueItems: true,
          description: 'None ticked means every day.' },
        from: { ...TIME, title: 'From', description: 'HH:MM, 24-hour.' },
        to: { ...TIME, title: 'To', description: 'HH:MM, 24-hour; 24:00 is the end of the day.' } } } };
  }
  return { type: 'object', required: mode === 'create' ? ['id'] : [], properties };
}

function freeId(base) {
  const taken = new Set([...document.querySelectorAll('#plugins li[data-plugin-id]')].map((li) => li.dataset.pluginId));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function showProblem(text) {
  const p = $('plugin-form-problem');
  p.textContent = text ?? '';
  p.hidden = !text;
}

/** Builds the instance and config parts of the form for `type` (a plugin-types entry, or null when unknown). */
function fill(type, { instanceValue, configValue, instanceMode }) {
  const slots = new ErrorSlots();
  slots.add('type', typeSelect, $('plugin-type-error'));
  $('plugin-type-help').textContent = type?.description ?? '';
  const instance = instanceMode
    ? schemaForm(instanceSchema(type, instanceMode), instanceValue, { path: '', slots }) : null;
  $('instance-fields').replaceChildren(...(instance ? [instance.element] : []));
  const config = schemaForm(type?.configSchema ?? {}, configValue, { path: 'config', slots });
  $('config-fields').replaceChildren(config.element);
  // What the forms hold before any change, to send only what the user changed.
  session = { ...session, slots, instance, config, before: { instance: instance?.read().value, config: config.read().value } };
}

function fillCreate() {
  const type = types.find((t) => t.id === typeSelect.value);
  fill(type, {
    instanceMode: 'create', configValue: {},
    instanceValue: { id: freeId(type.id), enabled: true, updateInterval: type.defaultUpdateInterval,
      ...(type.defaultDisplayDuration != null ? { displayDuration: type.defaultDisplayDuration } : {}) },
  });
}

function open(mode, title, saveLabel, button) {
  opener = button;
  session = { mode };
  $('plugin-dialog-title').textContent = title;
  $('plugin-save').textContent = saveLabel;
  showProblem(null);
  dialog.showModal();
}

async function openCreate(button) {
  const list = await loadTypes();
  if (!list.length) {
    say('Could not read the plugin types from the service.', 'error');
    return;
  }
  open('create', 'Add a plugin', 'Create', button);
  typeSelect.disabled = false;
  $('plugin-type-field').hidden = false;
  $('instance-summary').hidden = true;
  const chosen = typeSelect.value;
  typeSelect.replaceChildren(...list.map((t) => new Option(t.name && t.name !== t.id ? `${t.name} (${t.id})` : t.id, t.id)));
  if (list.some((t) => t.id === chosen)) typeSelect.value = chosen;
  fillCreate();
  typeSelect.focus();
}

async function openEdit(id, button) {
  const [list, details, config] = await Promise.all([loadTypes(), read(plugin(id)), read(`${plugin(id)}/config`)]);
  if (!details) {
    say(`Could not read ${id} from the service.`, 'error');
    return;
  }
  const type = list.find((t) => t.id === details.type) ?? null;
  open('edit', `Edit ${id}`, 'Save', button);
  session.id = id;
  typeSelect.replaceChildren(new Option(type ? `${type.name} (${type.id})` : `${details.type} (not installed)`, details.type));
  typeSelect.disabled = true;
  $('plugin-type-field').hidden = false;
  const patchable = Object.hasOwn(details, 'livePriority'); // the service has PATCH /plugins/{id}
  const s = (v) => (v == null ? 'default' : `${v} s`);
  $('instance-summary').textContent = `Updates every ${s(details.updateInterval)}, may take ${s(details.updateTimeout)}, `
    + `on screen for ${s(details.displayDuration)}.`;
  $('instance-summary').hidden = patchable;
  const settings = Object.fromEntries(['updateInterval', 'updateTimeout', 'displayDuration', 'maxDisplayDuration',
    'livePriority', 'activeWindows'].filter((k) => details[k] != null).map((k) => [k, details[k]]));
  fill(type, { instanceMode: patchable ? 'patch' : null, instanceValue: settings,
    configValue: config ?? details.config ?? {} });
  $('plugin-dialog').querySelector('#instance-fields input, #config-fields input, #config-fields select, #config-fields textarea')?.focus();
}

async function save() {
  const { slots, instance, config, mode, id } = session;
  slots.clear();
  showProblem(null);
  const i = instance?.read() ?? { value: {}, problems: [] };
  const c = config.read();
  const problems = [...i.problems, ...c.problems];
  if (problems.length) {
    showProblem('Please correct the marked fields.');
    slots.show(problems);
    return;
  }
  const button = $('plugin-save');
  button.disabled = true;
  let result;
  if (mode === 'create') {
    result = await exchange('POST', '/plugins', { ...i.value, type: typeSelect.value, config: c.value }, onToken);
  } else {
    result = { ok: true };
    const changes = changed(session.before.instance, i.value);
    if (instance && Object.keys(changes).length) result = await exchange('PATCH', plugin(id), changes, onToken);
    if (result.ok && JSON.stringify(c.value) !== JSON.stringify(session.before.config)) {
      result = await exchange('PUT', `${plugin(id)}/config`, c.value, onToken);
      if (!result.ok && Object.keys(changes).length) session.before.instance = i.value; // those were saved
    }
  }
  button.disabled = false;
  if (result.ok) {
    const name = mode === 'create' ? i.value.id : id;
    close();
    say(mode === 'create' ? `${name} created.` : `${name}: saved and applied.`);
    document.dispatchEvent(new CustomEvent('ledmatrix:plugins-changed'));
    return;
  }
  const errors = Array.isArray(result.problem?.errors) ? result.problem.errors
    : mode === 'create' && result.status === 409 ? [{ field: 'id', message: result.message }] : [];
  const unclaimed = slots.show(errors);
  const rest = unclaimed.map((e) => `${e.field}: ${e.message}`).join('; ');
  showProblem(errors.length && !rest ? 'The service did not accept this; see the marked fields.' : (rest || result.message));
}

/** The PATCH body: each field whose value differs; a field now empty goes back to its default (null). */
function changed(before = {}, after = {}) {
  const out = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key] ?? null;
  }
  return out;
}

function close() {
  if (dialog.open) dialog.close();
}

dialog.addEventListener('close', () => {
  session = null;
  $('instance-fields').replaceChildren();
  $('config-fields').replaceChildren();
  (opener?.isConnected ? opener : $('add-plugin')).focus();
});

form.addEventListener('submit', (e) => {
  e.preventDefault();
  save();
});
$('plugin-cancel').addEventListener('click', close);
typeSelect.addEventListener('change', () => {
  if (session?.mode === 'create') fillCreate();
});
$('add-plugin').addEventListener('click', (e) => openCreate(e.currentTarget));

// --- delete, with a confirmation ----------------------------------------------------------------------------

let deleting = null;

function openDelete(id, button) {
  deleting = id;
  opener = button;
  $('delete-question').textContent = `Delete ${id}? Its config and history are removed; this cannot be undone.`;
  $('delete-problem').hidden = true;
  confirmDialog.showModal();
  $('delete-cancel').focus();
}

$('delete-confirm').addEventListener('click', async () => {
  const id = deleting;
  const result = await exchange('DELETE', plugin(id), undefined, onToken);
  if (!result.ok && result.status !== 404) {
    $('delete-problem').textContent = result.message;
    $('delete-problem').hidden = false;
    return;
  }
  confirmDialog.close();
  say(`${id} deleted.`);
  document.dispatchEvent(new CustomEvent('ledmatrix:plugins-changed'));
});
$('delete-cancel').addEventListener('click', () => confirmDialog.close());
confirmDialog.addEventListener('close', () => {
  deleting = null;
  (opener?.isConnected ? opener : $('add-plugin')).focus();
});

// --- the buttons on each plugin's row -----------------------------------------------------------------------

$('plugins').addEventListener('click', (e) => {
  const button = e.target.closest('button[data-manage]');
  const id = button?.closest('li[data-plugin-id]')?.dataset.pluginId;
  if (!id) return;
  if (button.dataset.manage === 'edit') openEdit(id, button);
  else if (button.dataset.manage === 'delete') openDelete(id, button);
});

/** Rows are made by app.js; each of our buttons says which plugin it acts on. */
function labelRows() {
  for (const li of document.querySelectorAll('#plugins li[data-plugin-id]')) {
    for (const b of li.querySelectorAll('button[data-manage]')) {
      b.setAttribute('aria-label', `${b.textContent} ${li.dataset.pluginId}`);
    }
  }
}
new MutationObserver(labelRows).observe($('plugins'), { childList: true });
labelRows();
