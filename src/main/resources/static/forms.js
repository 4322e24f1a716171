// Forms generated from a plugin type's JSON Schema: one labelled control per property (text, number with its
// range, checkbox, select, colour picker, list of strings, set of choices, key/value pairs, nested fieldsets),
// the description as help text, defaults prefilled, secrets masked and kept unless changed. A property whose
// schema uses anything else falls back to a JSON text area that is checked as you type, so no config is out of
// reach. Errors (the server's `errors: [{field, message}]` or our own) show next to the field they name.
// Every text from a schema or the service goes in through textContent or a property, never as HTML.

import {
  booleanField, choicesField, colourField, el, enumField, jsonField, mapField, numberField, rowList, stringField,
  stringsField,
} from './fields.js';

export { MASK } from './fields.js';

/** Keywords the generated controls express fully; a schema with any other falls back to JSON. */
const KNOWN = new Set(['type', 'title', 'description', 'default', 'examples', 'enum', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'format', 'properties',
  'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'uniqueItems', 'x-secret', '$schema', '$id',
  '$comment', 'readOnly', 'writeOnly', 'deprecated']);
const WORDS = { url: 'URL', id: 'ID', json: 'JSON', api: 'API', http: 'HTTP' };

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** "showDate" → "Show date", "url" → "URL". */
export function humanize(key) {
  const words = String(key).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().split(/\s+/);
  return words.map((w, i) => WORDS[w.toLowerCase()] ?? (i === 0 ? w[0].toUpperCase() + w.slice(1) : w.toLowerCase()))
    .join(' ');
}

function isColourSchema(s) {
  if (s.format === 'color') return true;
  if (typeof s.pattern !== 'string') return false;
  return ['#123abc', '#FFFFFF'].every((sample) => {
    try {
      return new RegExp(s.pattern, 'u').test(sample);
    } catch {
      return false;
    }
  }) && !new RegExp(s.pattern, 'u').test('#12345') && !new RegExp(s.pattern, 'u').test('red');
}

/** How a (sub)schema is shown: one of the control kinds, or 'json' when it is beyond them. */
export function kindOf(s) {
  if (s === true || s === undefined) return 'json';
  if (!isObject(s) || Object.keys(s).some((k) => !KNOWN.has(k))) return 'json';
  const type = s.type;
  if (Array.isArray(s.enum) && s.enum.length) return 'enum';
  if (type === 'boolean') return 'boolean';
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'string') return isColourSchema(s) ? 'colour' : 'string';
  if (type === 'array') {
    const items = s.items;
    if (items && kindOf(items) === 'enum' && items.enum.every((v) => typeof v === 'string')) return 'choices';
    if (items && kindOf(items) === 'string') return 'strings';
    if (items && kindOf(items) === 'object' && isObject(items.properties)) return 'objects';
    return 'json';
  }
  if (type === 'object' || (type === undefined && isObject(s.properties))) {
    const extra = s.additionalProperties;
    const props = isObject(s.properties) ? Object.keys(s.properties) : [];
    if (isObject(extra)) return props.length === 0 && ['string'].includes(kindOf(extra)) ? 'map' : 'json';
    return 'object';
  }
  return 'json';
}

/** Help text: the description, then the limits a user should know before the server has to say them. */
function helpText(s, kind) {
  const parts = [];
  if (s.description) parts.push(String(s.description).replace(/([^.!?])$/, '$1.'));
  if (kind === 'number') {
    const lo = s.minimum ?? s.exclusiveMinimum;
    const hi = s.maximum ?? s.exclusiveMaximum;
    const whole = s.type === 'integer' ? 'A whole number' : 'A number';
    if (lo !== undefined && hi !== undefined) parts.push(`${whole} from ${lo} to ${hi}.`);
    else if (lo !== undefined) parts.push(`${whole}, at least ${lo}.`);
    else if (hi !== undefined) parts.push(`${whole}, at most ${hi}.`);
  }
  if ((kind === 'string' || kind === 'strings') && s.maxLength !== undefined) parts.push(`Up to ${s.maxLength} characters.`);
  if (s['x-secret']) parts.push('Secret: shown masked; the stored value is kept unless you type a new one.');
  return parts.join(' ');
}

/**
 * A form for `schema` filled with `value` (defaults where a property is missing). `path` names the value in the
 * server's error fields (e.g. "config"). The result has `element`, `read()` → {value, problems: [{field,
 * message}]}, and the error helpers of {@link ErrorSlots}.
 */
export function schemaForm(schema, value, { path = 'config', slots = new ErrorSlots() } = {}) {
  const root = el('div', { class: 'schema-form' });
  let field;
  if (kindOf(schema) === 'object') {
    field = objectField(schema, isObject(value) ? value : {}, path, slots, root, true);
  } else {
    field = jsonField(schema, value ?? {}, path, slots, { label: 'Config (JSON)', required: true });
    root.append(field.element);
  }
  return {
    element: root,
    slots,
    read() {
      const problems = [];
      const result = field.read(problems);
      return { value: result.present ? result.value : {}, problems };
    },
  };
}

/** Where errors show: one slot per field path; a server error goes to the longest path that contains it. */
export class ErrorSlots {
  constructor() {
    this.slots = new Map(); // path -> {input, error}
  }

  add(path, input, error) {
    this.slots.set(path, { input, error });
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), error.id].filter(Boolean).join(' '));
  }

  clear() {
    for (const { input, error } of this.slots.values()) {
      error.textContent = '';
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    }
  }

  /** Shows each {field, message} next to its field; returns those no field here claims. */
  show(errors) {
    const unclaimed = [];
    let first = null;
    for (const e of errors) {
      const name = String(e.field ?? '').replace(/\[(\d+)\]/g, '.$1'); // order[1] → order.1
      let best = null;
      for (const path of this.slots.keys()) {
        if ((name === path || name.startsWith(`${path}.`)) && (!best || path.length > best.length)) best = path;
      }
      if (!best) {
        unclaimed.push(e);
        continue;
      }
      const { input, error } = this.slots.get(best);
      const rest = name === best ? '' : name.slice(best.length + 1);
      const item = rest.match(/^(\d+)\.?(.*)$/); // items are counted from 1 for people: "#2 from"
      const where = !rest ? '' : item ? `#${Number(item[1]) + 1}${item[2] ? ` ${item[2]}` : ''}: ` : `${rest}: `;
      error.textContent = [error.textContent, `${where}${e.message}`].filter(Boolean).join(' · ');
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      first ??= input;
    }
    first?.focus();
    return unclaimed;
  }
}

function initial(s, value, present) {
  return present ? value : s.default;
}

function build(key, s, value, present, path, slots, required) {
  const kind = kindOf(s);
  const field = control(kind, key, s, value, present, path, slots, required);
  field.element.dataset.kind = kind;
  return field;
}

function control(kind, key, s, value, present, path, slots, required) {
  const label = s.title ? String(s.title) : humanize(key);
  const opts = { label, required, help: helpText(s, kind) };
  const v = initial(s, value, present);
  switch (kind) {
    case 'string': return stringField(s, v, present ? value : undefined, path, slots, opts);
    case 'number': return numberField(s, v, path, slots, opts);
    case 'boolean': return booleanField(v, path, slots, opts);
    case 'enum': return enumField(s, v, path, slots, opts);
    case 'colour': return colourField(v, path, slots, opts);
    case 'strings': return stringsField(s, v, path, slots, opts);
    case 'choices': return choicesField(s, v, path, slots, opts);
    case 'map': return mapField(s, v, path, slots, opts);
    case 'object': {
      const fieldset = el('fieldset', { class: 'nested', 'data-path': path }, el('legend', { text: label }));
      if (opts.help) fieldset.append(el('p', { class: 'help', text: opts.help }));
      const f = objectField(s, isObject(v) ? v : {}, path, slots, fieldset, false);
      return { element: fieldset, read: f.read };
    }
    case 'objects': return objectsField(s, v, path, slots, opts);
    default: return jsonField(s, v, path, slots, opts);
  }
}

/**
 * A list of objects (such as weekly windows): one fieldset per item. Errors for an item (`path.1.from`, or
 * `path[1].from` as some endpoints name them) show under the whole list, since removing a row renumbers the rest.
 */
function objectsField(s, v, path, slots, opts) {
  const itemLabel = s.items.title ? String(s.items.title) : 'Item';
  const { element, rows } = rowList(path, opts, slots, Array.isArray(v) ? v : [], (value, n) => {
    const fieldset = el('fieldset', { class: 'nested' }, el('legend', { text: `${itemLabel} ${n}` }));
    const f = objectField(s.items, isObject(value) ? value : {}, `${path}.${n - 1}`, new ErrorSlots(), fieldset, true);
    return {
      controls: [fieldset], name: () => `${itemLabel} ${n}`, read: f.read,
      focus: () => fieldset.querySelector('input, select, textarea')?.focus(),
    };
  }, `Add ${itemLabel.toLowerCase()}`);
  return {
    element,
    read(problems) {
      const values = rows.map((r) => r.read(problems).value);
      return { present: values.length > 0 || opts.required || v !== undefined, value: values };
    },
  };
}

function objectField(s, value, path, slots, container, isRoot) {
  const required = new Set(Array.isArray(s.required) ? s.required : []);
  const fields = Object.entries(s.properties ?? {}).map(([key, sub]) => {
    const present = Object.hasOwn(value, key);
    const f = build(key, sub, value[key], present, path ? `${path}.${key}` : key, slots, required.has(key));
    container.append(f.element);
    return [key, f];
  });
  // Keys in the value that the schema does not name (allowed when additionalProperties is not false) are kept.
  const known = new Set(Object.keys(s.properties ?? {}));
  const others = Object.fromEntries(Object.entries(value).filter(([k]) => !known.has(k)));
  return {
    element: container,
    read(problems) {
      const out = { ...others };
      for (const [key, f] of fields) {
        const r = f.read(problems);
        if (r.present) out[key] = r.value;
      }
      return { present: isRoot || Object.keys(out).length > 0, value: out };
    },
  };
}

