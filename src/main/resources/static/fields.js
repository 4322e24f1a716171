// The controls forms.js builds a form from, one kind each: label, control, help and error slot, and a read() that
// gives back {present, value} (absent fields are left out of the config). Every text from a schema or the service
// goes in through textContent or a form value, never as HTML.

/** What the service shows instead of a secret; sent back, it keeps the stored value. */
export const MASK = '••••••';
const COLOUR = /^#[0-9a-fA-F]{6}$/;

let serial = 0;
const nextId = (hint) => `f${++serial}-${String(hint).replace(/[^a-zA-Z0-9_-]/g, '_')}`;

export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k in e && !k.includes('-')) e[k] = v;
    else if (v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter(Boolean));
  return e;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The common frame of a field: label, control, help, error; `input` is what the label and errors point at. */
function frame(path, slots, { label, required, help, control, input, inline = false }) {
  const helpId = help ? nextId('help') : null;
  const error = el('p', { class: 'field-error', id: nextId('err'), hidden: true });
  if (helpId) input.setAttribute('aria-describedby', helpId);
  slots.add(path, input, error);
  const labelEl = el('label', { for: input.id }, label, required ? el('span', { class: 'req', text: ' (required)' }) : null);
  const wrap = el('div', { class: `field${inline ? ' inline' : ''}`, 'data-path': path },
    ...(inline ? [control, labelEl] : [labelEl, control]),
    help ? el('p', { class: 'help', id: helpId, text: help }) : null, error);
  return wrap;
}

export function stringField(s, v, original, path, slots, opts) {
  const secret = !!s['x-secret'];
  const masked = secret && typeof original === 'string' && original.includes(MASK);
  const long = !secret && !s.pattern && (s.maxLength ?? 0) > 200;
  const urlish = s.format === 'uri' || /^\^?\(?https?/.test(s.pattern ?? '');
  const input = el(long ? 'textarea' : 'input', {
    id: nextId(path), name: path, autocomplete: 'off', spellcheck: !s.pattern && !urlish,
    ...(long ? { rows: 2 } : { type: secret ? 'password' : urlish ? 'url' : 'text' }),
    inputMode: urlish ? 'url' : undefined, autocapitalize: s.pattern || urlish || secret ? 'off' : undefined,
    maxLength: s.maxLength, placeholder: masked ? 'unchanged (kept)' : undefined,
  });
  input.value = masked ? '' : typeof v === 'string' ? v : '';
  const element = frame(path, slots, { ...opts, control: input, input });
  return {
    element,
    read() {
      if (masked && input.value === '') return { present: true, value: original };
      if (input.value === '' && !opts.required && original === undefined && s.default === undefined) {
        return { present: false };
      }
      return { present: true, value: input.value };
    },
  };
}

export function numberField(s, v, path, slots, opts) {
  const input = el('input', {
    id: nextId(path), name: path, type: 'number', inputMode: s.type === 'integer' ? 'numeric' : 'decimal',
    min: s.minimum ?? s.exclusiveMinimum, max: s.maximum ?? s.exclusiveMaximum,
    step: s.multipleOf ?? (s.type === 'integer' ? 1 : 'any'),
  });
  input.value = typeof v === 'number' ? String(v) : '';
  const element = frame(path, slots, { ...opts, control: input, input });
  return {
    element,
    read(problems) {
      if (input.validity.badInput) {
        problems.push({ field: path, message: 'is not a number' });
        return { present: false };
      }
      if (input.value === '') return opts.required ? { present: true, value: null } : { present: false };
      return { present: true, value: Number(input.value) };
    },
  };
}

export function booleanField(v, path, slots, opts) {
  const input = el('input', { id: nextId(path), name: path, type: 'checkbox', checked: v === true });
  const element = frame(path, slots, { ...opts, control: input, input, inline: true });
  return { element, read: () => ({ present: true, value: input.checked }) };
}

export function enumField(s, v, path, slots, opts) {
  const select = el('select', { id: nextId(path), name: path });
  const none = !opts.required && s.default === undefined;
  if (none || !s.enum.some((e) => e === v)) select.append(el('option', { value: '', text: '(not set)' }));
  s.enum.forEach((e, i) => select.append(el('option', { value: String(i), text: typeof e === 'string' ? e : JSON.stringify(e) })));
  const at = s.enum.findIndex((e) => JSON.stringify(e) === JSON.stringify(v));
  select.value = at >= 0 ? String(at) : '';
  const element = frame(path, slots, { ...opts, control: select, input: select });
  return {
    element,
    read: () => (select.value === '' ? { present: false } : { present: true, value: s.enum[Number(select.value)] }),
  };
}

export function colourField(v, path, slots, opts) {
  const text = el('input', {
    id: nextId(path), name: path, type: 'text', autocomplete: 'off', spellcheck: false, autocapitalize: 'off',
    maxLength: 7, size: 8, class: 'hex', placeholder: '#rrggbb',
  });
  const picker = el('input', { type: 'color', id: nextId(`${path}-picker`), 'aria-label': `${opts.label}: colour picker` });
  text.value = typeof v === 'string' ? v : '';
  if (COLOUR.test(text.value)) picker.value = text.value.toLowerCase();
  picker.addEventListener('input', () => { text.value = picker.value; });
  text.addEventListener('input', () => {
    if (COLOUR.test(text.value)) picker.value = text.value.toLowerCase();
  });
  const control = el('div', { class: 'colour' }, picker, text);
  const element = frame(path, slots, { ...opts, control, input: text });
  picker.setAttribute('aria-describedby', text.getAttribute('aria-describedby'));
  return {
    element,
    read: () => (text.value === '' && !opts.required ? { present: false } : { present: true, value: text.value }),
  };
}

/** A list that grows and shrinks: rows made by `makeRow(value, index)`, each with a Remove button. */
export function rowList(path, opts, slots, values, makeRow, addLabel) {
  const list = el('ul', { class: 'rows', id: nextId(path), tabIndex: -1, 'aria-label': opts.label });
  const rows = [];
  const add = (value) => {
    const row = makeRow(value, rows.length + 1);
    const li = el('li', {}, ...row.controls);
    const remove = el('button', { type: 'button', class: 'small', text: 'Remove', 'aria-label': `Remove ${row.name()}` });
    remove.addEventListener('click', () => {
      rows.splice(rows.indexOf(row), 1);
      li.remove();
      addButton.focus();
    });
    li.append(remove);
    rows.push(row);
    list.append(li);
    return row;
  };
  const addButton = el('button', { type: 'button', class: 'small', text: addLabel });
  addButton.addEventListener('click', () => add(undefined).focus());
  values.forEach(add);
  const fieldset = el('fieldset', { class: 'list' }, el('legend', {}, opts.label,
    opts.required ? el('span', { class: 'req', text: ' (required)' }) : null));
  const helpId = opts.help ? nextId('help') : null;
  if (opts.help) {
    fieldset.append(el('p', { class: 'help', id: helpId, text: opts.help }));
    list.setAttribute('aria-describedby', helpId);
  }
  const error = el('p', { class: 'field-error', id: nextId('err'), hidden: true });
  slots.add(path, list, error);
  fieldset.append(list, addButton, error);
  fieldset.dataset.path = path;
  return { element: fieldset, rows };
}

export function stringsField(s, v, path, slots, opts) {
  const itemSecret = !!s.items['x-secret'];
  const { element, rows } = rowList(path, opts, slots, Array.isArray(v) ? v : [], (value, n) => {
    const input = el('input', {
      type: itemSecret ? 'password' : 'text', id: nextId(path), autocomplete: 'off', maxLength: s.items.maxLength,
      'aria-label': `${opts.label}, item ${n}`,
    });
    input.value = typeof value === 'string' ? value : '';
    return { controls: [input], name: () => `${opts.label} item ${input.value || n}`, focus: () => input.focus(), input };
  }, `Add to ${opts.label}`);
  return {
    element,
    read: () => {
      const values = rows.map((r) => r.input.value).filter((x) => x !== '');
      return { present: values.length > 0 || opts.required || v !== undefined, value: values };
    },
  };
}

export function choicesField(s, v, path, slots, opts) {
  const chosen = new Set(Array.isArray(v) ? v : []);
  const boxes = s.items.enum.map((choice) => {
    const input = el('input', { type: 'checkbox', id: nextId(`${path}-${choice}`), checked: chosen.has(choice) });
    return { choice, input, element: el('label', { class: 'choice', for: input.id }, input, ` ${choice}`) };
  });
  const group = el('div', { class: 'choices', role: 'group', id: nextId(path), tabIndex: -1, 'aria-label': opts.label },
    ...boxes.map((b) => b.element));
  const fieldset = el('fieldset', { class: 'list', 'data-path': path }, el('legend', { text: opts.label }));
  if (opts.help) fieldset.append(el('p', { class: 'help', text: opts.help }));
  const error = el('p', { class: 'field-error', id: nextId('err'), hidden: true });
  slots.add(path, group, error);
  fieldset.append(group, error);
  return {
    element: fieldset,
    read: () => {
      const values = boxes.filter((b) => b.input.checked).map((b) => b.choice);
      return { present: values.length > 0 || opts.required, value: values }; // none ticked: left out
    },
  };
}

export function mapField(s, v, path, slots, opts) {
  const valueSchema = s.additionalProperties;
  const secret = !!valueSchema['x-secret'];
  const entries = isObject(v) ? Object.entries(v) : [];
  const { element, rows } = rowList(path, opts, slots, entries, (entry, n) => {
    const [key, value] = entry ?? ['', ''];
    const masked = secret && typeof value === 'string' && value.includes(MASK);
    const keyInput = el('input', { type: 'text', id: nextId(path), autocomplete: 'off', spellcheck: false,
      autocapitalize: 'off', placeholder: 'name', 'aria-label': `${opts.label}, name ${n}` });
    const valueInput = el('input', { type: secret ? 'password' : 'text', id: nextId(path), autocomplete: 'off',
      maxLength: valueSchema.maxLength, placeholder: masked ? 'unchanged (kept)' : 'value',
      'aria-label': `${opts.label}, value ${n}` });
    keyInput.value = key;
    valueInput.value = masked ? '' : String(value ?? '');
    return {
      controls: [keyInput, valueInput],
      name: () => `${opts.label} ${keyInput.value || n}`,
      focus: () => keyInput.focus(),
      read: () => [keyInput.value.trim(), masked && valueInput.value === '' && keyInput.value.trim() === key ? value : valueInput.value],
    };
  }, `Add to ${opts.label}`);
  return {
    element,
    read(problems) {
      const out = {};
      for (const row of rows) {
        const [key, value] = row.read();
        if (key === '' && value === '') continue;
        if (key === '') problems.push({ field: path, message: 'every entry needs a name' });
        else if (Object.hasOwn(out, key)) problems.push({ field: path, message: `'${key}' is given twice` });
        else out[key] = value;
      }
      return { present: rows.length > 0 || v !== undefined, value: out };
    },
  };
}

/** The fallback: the value as JSON text, parsed as you type, with the schema beside it for reference. */
export function jsonField(s, v, path, slots, opts) {
  const input = el('textarea', { id: nextId(path), name: path, rows: 4, spellcheck: false, autocapitalize: 'off',
    class: 'json' });
  input.value = v === undefined ? '' : JSON.stringify(v, null, 2);
  const check = () => {
    try {
      if (input.value.trim() !== '') JSON.parse(input.value);
      input.setCustomValidity('');
      input.removeAttribute('aria-invalid');
      return null;
    } catch (e) {
      input.setCustomValidity('not valid JSON');
      input.setAttribute('aria-invalid', 'true');
      return `is not valid JSON: ${e.message}`;
    }
  };
  const help = [opts.help, 'Edited as JSON; must match this schema:'].filter(Boolean).join(' ');
  const element = frame(path, slots, { ...opts, help, control: input, input });
  element.dataset.kind = 'json';
  element.append(el('details', {}, el('summary', { text: 'Schema' }),
    el('pre', { class: 'schema', text: JSON.stringify(s, null, 2) })));
  const live = element.querySelector('.field-error');
  input.addEventListener('input', () => {
    const problem = check();
    live.textContent = problem ?? '';
    live.hidden = !problem;
  });
  return {
    element,
    read(problems) {
      const problem = check();
      if (problem) {
        problems.push({ field: path, message: problem });
        return { present: false };
      }
      if (input.value.trim() === '') return opts.required ? { present: true, value: null } : { present: false };
      return { present: true, value: JSON.parse(input.value) };
    },
  };
}
