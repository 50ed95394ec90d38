// Stand-in for https://js.klarna.com/web-sdk/v2/klarna.mjs, served by Checkout.Sandbox only.
// Same public surface as the Web SDK v2; talks to nothing but the sandbox that served it.

const apiBase = new URL("./", import.meta.url);
const journeyBase = new URL("../../journey/", import.meta.url);
const sdkOrigin = apiBase.origin;
const paymentRequestPrefix = "krn:payment:eu1:request:";
const popupName = "klarna-purchase-journey";
const popupFeatures = "popup,width=480,height=720";
const svgNamespace = "http://www.w3.org/2000/svg";
// The sandbox's default payment option (PresentationBuilder.DefaultPaymentOptionId): what a standalone button
// initiates with until the page selects an option through its select().
const defaultPaymentOptionId = "S0xBUk5BX0RFRkFVTFQ=";

export async function KlarnaSDK(options = {}) {
  const { clientId, locale } = options;
  if (!clientId) {
    throw new Error("KlarnaSDK: clientId is required.");
  }

  // The session is fetched while the caller goes on to ask for the presentation: the two requests run
  // side by side instead of one after the other. An unknown client id still fails every later call.
  const session = fetch(new URL("session", apiBase), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ clientId }),
  }).then(async (response) => {
    if (!response.ok) {
      throw new Error(`KlarnaSDK: the client id is not known to the sandbox (HTTP ${response.status}).`);
    }
    return (await response.json()).klarna_network_session_token;
  });
  session.catch(() => undefined);
  let sessionToken;
  session.then((token) => { sessionToken = token; }, () => undefined);
  const listeners = new Map();
  const context = {
    clientId,
    locale,
    session,
    emit(event, payload) {
      const callbacks = [...(listeners.get(event) ?? [])];
      for (const callback of callbacks) {
        try {
          callback(payload);
        } catch (error) {
          console.error(`Klarna ${event} handler failed`, error);
        }
      }
      return callbacks.length > 0;
    },
  };

  const Payment = {
    presentation: (parameters) => requestPresentation(context, parameters),
    // The standalone button of the SDK's overview (Klarna.Payment.button().mount(...)), without a presentation.
    button: (options = {}) => mountable("paymentButton", "payment-button",
      () => paymentButton(context, selectedOption(context), options.intents ?? ["PAY"], options)),
    on(event, callback) {
      if (!listeners.has(event)) {
        listeners.set(event, new Set());
      }
      listeners.get(event).add(callback);
      return Payment;
    },
    off(event, callback) {
      if (callback) {
        listeners.get(event)?.delete(callback);
      } else {
        listeners.delete(event);
      }
      return Payment;
    },
  };

  // Synchronous once the session has arrived, as the typings say; a promise before then, so awaiting is always safe.
  return { Payment, Network: { Session: { token: () => sessionToken ?? session } } };
}

export default KlarnaSDK;

async function requestPresentation(context, parameters = {}) {
  const currency = parameters.currency;
  if (!currency) {
    throw new Error("Klarna.Payment.presentation: currency is required.");
  }

  const intents = parameters.intents?.length ? parameters.intents : ["PAY"];
  const query = new URLSearchParams({
    clientId: context.clientId,
    currency,
    locale: parameters.locale ?? context.locale ?? navigator.language ?? "en-US",
    intents: intents.join(","),
  });
  if (parameters.amount !== undefined && parameters.amount !== null) {
    query.set("amount", String(parameters.amount));
  }
  const interval = parameters.subscriptionBillingInterval ?? parameters.subscription_billing_interval;
  const frequency = parameters.subscriptionBillingIntervalFrequency ?? parameters.subscription_billing_interval_frequency;
  if (interval) {
    query.set("subscriptionBillingInterval", interval);
  }
  if (frequency) {
    query.set("subscriptionBillingIntervalFrequency", String(frequency));
  }
  if (parameters.instruction) {
    query.set("instruction", parameters.instruction);
  }

  const response = await fetch(new URL(`presentation?${query}`, apiBase));
  if (!response.ok) {
    throw new Error(`Klarna.Payment.presentation failed (HTTP ${response.status}).`);
  }

  const data = await response.json();
  const presentation = { instruction: data.instruction };
  if (data.paymentOption) {
    presentation.paymentOption = paymentOption(context, data.paymentOption, intents);
  }
  if (data.components) {
    Object.assign(presentation, data.components.subheader?.enriched
      ? earlierPresentation(context, data.components, intents)
      : paymentOption(context, data.components, intents));
  }
  if (Array.isArray(data.paymentOptions)) {
    const options = [];
    for (const option of data.paymentOptions) {
      options.push(option.content ? contentOption(context, option, options) : paymentOption(context, option, intents));
    }
    presentation.paymentOptions = options;
  }
  return presentation;
}

// The newest typings' common.PaymentOption: Klarna's words as data, no components; the page selects it through
// select() and mounts Klarna.Payment.button(), which then initiates with the selected option.
function contentOption(context, data, options) {
  const { header, subheader, logo } = data.content;
  const option = {
    paymentOptionId: data.paymentOptionId,
    content: { header, subheader, logo: { url: logo?.url, alt: logo?.alt } },
    selected: false,
    async select() {
      for (const other of options) {
        other.selected = other === option;
      }
      context.selectedPaymentOptionId = option.paymentOptionId;
    },
  };
  return option;
}

function selectedOption(context) {
  return {
    get paymentOptionId() {
      return context.selectedPaymentOptionId ?? defaultPaymentOptionId;
    },
  };
}

// The v2-r6 typings' payment.PaymentPresentation: header, icon, a subheader in two lengths (enriched with its link,
// and short) and the button, each with its text beside its component.
function earlierPresentation(context, data, intents) {
  const { enriched, short } = data.subheader;
  return {
    paymentOptionId: data.paymentOptionId,
    icon: { alt: "Klarna", ...element("icon", () => icon()) },
    header: { text: data.header.text, ...element("header", () => textNode("div", data.header)) },
    subheader: {
      enriched: {
        text: enriched.text,
        link: enriched.link ? { href: enriched.link.href, linkText: enriched.link.text } : undefined,
        ...element("subheader", () => textNode("div", enriched)),
      },
      short: { text: short.text, ...element("subheader", () => textNode("div", short)) },
    },
    paymentButton: {
      text: data.paymentButton?.label,
      component: (options = {}) => mountable("paymentButton", "payment-button",
        () => paymentButton(context, data, intents, options)),
    },
  };
}

function paymentOption(context, data, intents) {
  return {
    paymentOptionId: data.paymentOptionId,
    icon: element("icon", () => icon()),
    header: element("header", () => textNode("div", data.header)),
    subheader: element("subheader", () => textNode("div", data.subheader)),
    message: element("message", () => textNode("p", data.message)),
    badge: element("badge", () => textNode("span", data.badge)),
    terms: element("terms", () => textNode("p", data.terms)),
    paymentButton: {
      component: (options = {}) => mountable("paymentButton", "payment-button",
        () => paymentButton(context, data, intents, options)),
    },
  };
}

function element(name, render) {
  return { component: () => mountable(name, name, render) };
}

function mountable(name, className, render) {
  let node = null;
  const component = {
    mount(target) {
      const host = typeof target === "string" ? document.querySelector(target) : target;
      if (!host) {
        throw new Error(`Klarna ${name}: no element matches ${target}.`);
      }
      component.unmount();
      node = render();
      node.dataset.klarnaComponent = name;
      node.classList.add(`klarna-${className}`);
      host.appendChild(node);
      return component;
    },
    unmount() {
      node?.remove();
      node = null;
      return component;
    },
  };
  return component;
}

function textNode(tag, content) {
  const node = document.createElement(tag);
  if (!content) {
    node.hidden = true;
    return node;
  }
  node.append(content.text);
  if (content.link) {
    const link = document.createElement("a");
    link.href = content.link.href;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = content.link.text;
    node.append(" ", link);
  }
  return node;
}

function icon() {
  const wrapper = document.createElement("span");
  const svg = document.createElementNS(svgNamespace, "svg");
  svg.setAttribute("viewBox", "0 0 48 28");
  svg.setAttribute("width", "48");
  svg.setAttribute("height", "28");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "Klarna");
  const badge = document.createElementNS(svgNamespace, "rect");
  for (const [key, value] of Object.entries({ width: "48", height: "28", rx: "6", fill: "#FFB3C7" })) {
    badge.setAttribute(key, value);
  }
  const label = document.createElementNS(svgNamespace, "text");
  for (const [key, value] of Object.entries({
    x: "24", y: "19", "text-anchor": "middle", "font-family": "sans-serif", "font-size": "13", "font-weight": "700", fill: "#0B051D",
  })) {
    label.setAttribute(key, value);
  }
  label.textContent = "K.";
  svg.append(badge, label);
  wrapper.append(svg);
  return wrapper;
}

function paymentButton(context, data, intents, options) {
  const button = document.createElement("button");
  button.type = "button";
  if (options.id) {
    button.id = options.id;
  }
  button.dataset.shape = options.shape ?? "default";
  button.dataset.theme = options.theme ?? "default";
  button.textContent = buttonLabel(options.intents, data.paymentButton?.label);
  Object.assign(button.style, {
    background: options.theme === "dark" ? "#0B051D" : "#FFB3C7",
    color: options.theme === "dark" ? "#FFFFFF" : "#0B051D",
    border: options.theme === "outlined" ? "1px solid #0B051D" : "0",
    borderRadius: options.shape === "pill" ? "999px" : options.shape === "rect" ? "0" : "8px",
    padding: "12px 20px",
    fontWeight: "600",
    cursor: "pointer",
  });
  setBusy(button, Boolean(options.loading), Boolean(options.disabled));
  button.addEventListener("click", () => startJourney(context, data.paymentOptionId, options, button));
  return button;
}

function buttonLabel(intents, serverLabel) {
  if (!intents?.length) {
    return serverLabel ?? "Pay with Klarna";
  }
  if (intents.includes("SUBSCRIBE")) {
    return "Subscribe with Klarna";
  }
  return intents.includes("PAY") ? "Pay with Klarna" : "Continue with Klarna";
}

function setBusy(button, busy, disabled) {
  button.setAttribute("aria-busy", String(busy));
  button.disabled = busy || disabled;
}

async function startJourney(context, paymentOptionId, options, button) {
  if (button.getAttribute("aria-busy") === "true") {
    return;
  }

  const mode = String(options.initiationMode ?? "DEVICE_BEST").toUpperCase();
  const wantsPopup = mode === "ON_PAGE" || mode === "POPUP" || (mode === "DEVICE_BEST" && !isMobile());
  // Opened while the click still counts as a user gesture; navigated once initiate answers.
  const popup = wantsPopup ? openBlankPopup() : null;
  setBusy(button, true, Boolean(options.disabled));

  let result;
  try {
    if (typeof options.initiate !== "function") {
      throw new Error("paymentButton needs an initiate function.");
    }
    result = await options.initiate({ klarnaNetworkSessionToken: await context.session, paymentOptionId });
  } catch (error) {
    popup?.close();
    emitError(context, error?.message ?? String(error));
    return;
  } finally {
    setBusy(button, false, Boolean(options.disabled));
  }

  if (result?.returnUrl) {
    popup?.close();
    window.location.assign(result.returnUrl);
    return;
  }

  const url = result?.paymentRequestUrl
    ?? (result?.paymentRequestId ? new URL(guidOf(result.paymentRequestId), journeyBase).href : null);
  if (!url) {
    popup?.close();
    emitError(context, "initiate resolved without paymentRequestUrl, paymentRequestId or returnUrl.");
    return;
  }

  const paymentRequestId = result.paymentRequestId ?? paymentRequestPrefix + guidOf(new URL(url).pathname);
  if (mode === "REDIRECT" || (mode === "DEVICE_BEST" && !popup)) {
    window.location.assign(url);
    return;
  }

  if (popup) {
    popup.location.href = url;
    watchJourney(context, paymentRequestId, url, { popup });
  } else {
    watchJourney(context, paymentRequestId, url, { overlay: openOverlay(url) });
  }
}

function watchJourney(context, paymentRequestId, url, handle) {
  const journeyOrigin = new URL(url).origin;
  let settled = false;
  let timer = null;

  const settle = () => {
    settled = true;
    window.removeEventListener("message", onMessage);
    clearInterval(timer);
    handle.overlay?.remove();
  };

  const onMessage = (event) => {
    const data = event.data;
    if ((event.origin !== sdkOrigin && event.origin !== journeyOrigin) || data?.source !== "klarna-sandbox") {
      return;
    }
    if (data.paymentRequestId && guidOf(data.paymentRequestId) !== guidOf(paymentRequestId)) {
      return;
    }
    settle();
    finish(context, data);
  };
  window.addEventListener("message", onMessage);

  if (handle.popup) {
    timer = setInterval(() => {
      if (!handle.popup.closed || settled) {
        return;
      }
      clearInterval(timer);
      // A final page posts its message just before it closes itself: give that message a moment to land.
      setTimeout(() => {
        if (!settled) {
          settle();
          context.emit("abort", { paymentRequestId, reason: "POPUP_CLOSED" });
        }
      }, 300);
    }, 500);
  }
}

function finish(context, data) {
  const payload = { paymentRequestId: data.paymentRequestId, state: data.state, returnUrl: data.returnUrl ?? undefined };
  const handled = data.state === "CANCELED" || data.state === "EXPIRED"
    ? context.emit("abort", { ...payload, reason: data.state === "EXPIRED" ? "EXPIRED" : "CUSTOMER_ABORTED" })
    : context.emit("complete", payload);
  if (!handled && data.returnUrl) {
    window.location.assign(data.returnUrl);
  }
}

function emitError(context, errorMessage) {
  const error = {
    errorId: globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(16).slice(2)}`,
    errorType: "TECHNICAL_ERROR",
    errorCode: "INITIATE_FAILED",
    errorMessage,
  };
  if (!context.emit("error", error)) {
    console.error("Klarna payment error", error);
  }
}

function openBlankPopup() {
  const popup = window.open("", popupName, popupFeatures);
  if (popup) {
    try {
      popup.document.title = "Klarna";
      popup.document.body.textContent = "Loading Klarna…";
    } catch {
      // A reused pop-up may already show another origin.
    }
  }
  return popup;
}

function openOverlay(url) {
  const frame = document.createElement("iframe");
  frame.id = "klarna-journey-overlay";
  frame.title = "Klarna purchase journey";
  frame.src = url;
  Object.assign(frame.style, {
    position: "fixed",
    inset: "0",
    width: "100vw",
    height: "100vh",
    border: "0",
    background: "#FFFFFF",
    zIndex: "2147483647",
  });
  document.body.appendChild(frame);
  return frame;
}

function isMobile() {
  return window.matchMedia?.("(pointer: coarse)").matches
    || window.innerWidth < 600
    || /Mobi|Android/i.test(navigator.userAgent);
}

function guidOf(value) {
  return String(value).split(/[:/]/).filter(Boolean).pop();
}
