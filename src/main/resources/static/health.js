// The panel's health on the page: /actuator/health component `panel` (status, the backend really in use, and why
// the emulator stands in when it does), polled every few seconds. Text only, through textContent.

const out = document.getElementById('panel-health');

async function refresh() {
  let panel = null;
  try {
    const res = await fetch('actuator/health/panel');
    panel = await res.json(); // DOWN answers 503 with the same body
  } catch {
    panel = null;
  }
  if (!panel?.status) {
    out.textContent = 'unknown';
    out.dataset.status = 'UNKNOWN';
    return;
  }
  const d = panel.details ?? {};
  const backend = d.activeBackend && d.requestedBackend && d.activeBackend !== d.requestedBackend
    ? `${d.activeBackend} (asked for ${d.requestedBackend})` : d.activeBackend;
  const words = [panel.status, backend, d.renderLoop === 'stopped' ? 'render loop stopped' : null, d.problem];
  out.textContent = words.filter(Boolean).join(' · ');
  out.dataset.status = panel.status;
}

refresh();
setInterval(refresh, 5000);
