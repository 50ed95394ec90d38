const root = document.getElementById("return");
const message = document.getElementById("progress-message");
const started = Date.now();
const patienceMs = 120_000;

async function poll() {
  try {
    const response = await fetch(root.dataset.statusUrl, { headers: { Accept: "application/json" } });
    if (response.ok) {
      const status = await response.json();
      if (status.final) {
        location.replace(status.confirmationUrl);
        return;
      }
      if (status.status === "Authorizing") message.textContent = root.dataset.textAuthorizing;
    }
  } catch {
    // A dropped request is retried on the next tick.
  }
  if (Date.now() - started > patienceMs) {
    message.textContent = root.dataset.textSlow;
    return;
  }
  setTimeout(poll, 1000);
}

poll();
