// Runs on the journey's final page: hand the outcome to the page that opened the journey, or go back to it.
(() => {
  const result = document.getElementById("klarna-journey-result");
  if (!result) {
    return;
  }

  const message = {
    source: "klarna-sandbox",
    paymentRequestId: result.dataset.paymentRequestId,
    state: result.dataset.state,
    returnUrl: result.dataset.returnUrl || null,
  };

  if (window.opener && !window.opener.closed) {
    window.opener.postMessage(message, "*");
    window.close();
    return;
  }

  if (window.parent && window.parent !== window) {
    window.parent.postMessage(message, "*");
    return;
  }

  if (message.returnUrl) {
    window.location.replace(message.returnUrl);
  }
})();
