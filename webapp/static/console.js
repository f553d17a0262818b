// The console's one script, served from the WAR (the CSP allows no inline script): copy buttons.
document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) {
    return;
  }
  const text = document.getElementById(button.dataset.copy).textContent.trim();
  navigator.clipboard.writeText(text).then(() => button.classList.add('copied'));
});
