// The console's one script, served from the WAR (the CSP allows no inline script): copy buttons.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  const text = document.getElementById(button.dataset.copy).textContent.trim();
  navigator.clipboard.writeText(text).then(() => button.classList.add('copied'));
});

// The Approvals page: the waiting requests, re-read from the admin API every 2 s and redrawn from the page's template.
(function () {
  const page = document.querySelector('main[data-approvals]');
  if (!page) {
    return;
  }
  const rows = document.querySelector('#approvals tbody');
  const none = document.getElementById('approvals-none');
  const template = document.getElementById('approval-row');

  function row(pending) {
    const tr = template.content.firstElementChild.cloneNode(true);
    tr.dataset.id = pending.id;
    tr.querySelectorAll('[data-field]').forEach((cell) => {
      const value = pending[cell.dataset.field];
      if (cell.dataset.field === 'stream') {
        cell.textContent = value ? cell.dataset.yes : cell.dataset.no;
      } else {
        cell.textContent = value === undefined || value === null ? '' : String(value);
      }
    });
    const id = tr.querySelector('input[name="id"]');
    if (id) {
      id.value = pending.id;
    }
    tr.querySelectorAll('[data-id-prefix]').forEach((button) => {
      button.id = button.dataset.idPrefix + pending.id;
    });
    return tr;
  }

  function redraw(list) {
    const shown = Array.from(rows.children).map((tr) => tr.dataset.id).join(',');
    if (shown === list.map((pending) => pending.id).join(',')) {
      return; // unchanged: keep the rows (and a button the admin is about to press)
    }
    rows.replaceChildren(...list.map(row));
    none.hidden = list.length > 0;
  }

  function refresh() {
    fetch(page.dataset.approvals, { headers: { 'X-CSRF-Token': page.dataset.csrf }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((body) => redraw(body.data))
      .catch(() => { /* the next refresh tries again */ });
  }

  setInterval(refresh, 2000);
})();
