// Words for what the display is doing and why: the reason, the next change, the power and the schedule. Pure
// functions from the API's JSON to text; the caller puts the text in the page with textContent.

const REASONS = {
  rotation: 'in rotation',
  pinned: 'pinned',
  live: 'live content',
  notification: 'a notification',
  'schedule-off': 'off: outside the schedule',
  override: 'on by hand, although the schedule says off',
  'power-off': 'switched off by hand',
};

export function reasonText(display) {
  return REASONS[display.reason] || display.reason || '—';
}

/** A time as the clock on the wall shows it, with how far away it is. */
export function when(iso) {
  if (!iso) return null;
  const t = new Date(iso);
  const s = Math.round((t.getTime() - Date.now()) / 1000);
  const clock = t.toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (s < 0) return `${clock} (due now)`;
  if (s < 90) return `${clock} (in ${s} s)`;
  if (s < 5400) return `${clock} (in ${Math.round(s / 60)} min)`;
  return clock;
}

export function powerText(power) {
  if (!power) return '—';
  const state = power.on ? 'on' : 'off';
  const how = power.manual ? ' (by hand)' : '';
  const until = power.until ? ` until ${when(power.until)}` : '';
  return `${state}${how}${until}`;
}

function windowText(w) {
  const days = w.days && w.days.length ? w.days.join(', ') : 'every day';
  return `${days} ${w.from}–${w.to}`;
}

/** Lines describing a schedule ({timeZone, on, dim}), given the zone in effect. */
export function scheduleLines(schedule, zone) {
  const lines = [`Time zone: ${schedule.timeZone || `${zone} (ledmatrix.time-zone)`}`];
  if (!schedule.on || schedule.on.length === 0) {
    lines.push('On: always (no on-windows)');
  } else {
    schedule.on.forEach((w) => lines.push(`On: ${windowText(w)}`));
  }
  (schedule.dim || []).forEach((w) => lines.push(`Dim to ${w.brightness} %: ${windowText(w)}`));
  return lines;
}
