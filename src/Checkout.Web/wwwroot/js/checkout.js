performance.mark("checkout-script-started");
const root = document.getElementById("checkout");
const settings = root.dataset;
// The SDK first: its import, session and presentation are the longest chain on the page. The button's
// helpers load beside it instead of in front of it (a static import would delay this whole module).
const sdk = import(settings.sdkUrl);
const initiateHelpers = import("./klarna-initiate.js");
initiateHelpers.catch(() => undefined); // reported when the button needs them, not before
const $ = (id) => document.getElementById(id);
let klarnaOnly = false;
// The payment option Klarna presented, when it can be selected through its own select() (the newest typings).
let klarnaOption = null;
// The order and its return page exist once the shopper starts to pay: the server's answer names them.
let started = null;

function showError(text) {
  const error = $("checkout-error");
  error.textContent = text;
  error.hidden = false;
}

// The page's own calls continue the trace of the request that served it, so one checkout reads as one trace.
const traceHeaders = settings.traceparent ? { traceparent: settings.traceparent } : {};

async function postJson(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": settings.csrf, ...traceHeaders },
    body: JSON.stringify(body ?? {}),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.detail || answer.title || `The server answered ${response.status}.`);
  return answer;
}

// The funnel's "Klarna selected" step, once per page load; keepalive lets it finish if the page is left.
let klarnaSelectedReported = false;
function reportKlarnaSelected() {
  if (klarnaSelectedReported) return;
  klarnaSelectedReported = true;
  fetch("/api/checkout-events/klarna-selected", {
    method: "POST",
    keepalive: true,
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": settings.csrf },
    body: JSON.stringify({ checkoutKey: settings.checkoutKey, planId: settings.planId }),
  }).catch(() => undefined);
}

// Selecting a method shows its details (Klarna's message, terms and button) and hides the others'.
function select(methodId) {
  if (methodId === "klarna") {
    reportKlarnaSelected();
    if (typeof klarnaOption?.select === "function" && !klarnaOption.selected) {
      Promise.resolve(klarnaOption.select()).catch((error) => console.warn("Klarna's option could not be selected:", error));
    }
  }
  for (const radio of document.querySelectorAll('input[name="payment-method"]')) {
    radio.checked = radio.value === methodId;
    const details = radio.closest(".method")?.querySelector(".method-details");
    if (details) details.hidden = !radio.checked;
  }
}

document.addEventListener("change", (event) => {
  if (event.target.name === "payment-method") select(event.target.value);
});

async function loadOtherMethods() {
  const container = $("other-methods");
  const methods = await (await fetch("/api/payment-methods")).json();
  for (const method of methods) {
    const wrapper = document.createElement("div");
    wrapper.className = "method";
    wrapper.dataset.method = method.id;
    wrapper.innerHTML = `<label class="method-row"><input type="radio" name="payment-method" /><span class="method-text"><span class="method-header"></span></span></label><div class="method-details" hidden><p class="method-note"></p></div>`;
    const radio = wrapper.querySelector("input");
    radio.value = method.id;
    radio.id = `method-${method.id}`;
    wrapper.querySelector(".method-header").textContent = method.label;
    wrapper.querySelector(".method-note").textContent = method.description;
    container.append(wrapper);
  }
  container.hidden = klarnaOnly;
  container.removeAttribute("aria-busy");
  // Read by bench/Checkout.Benchmarks (page): Klarna should appear no later than the other methods.
  performance.mark("methods-rendered");
}

async function initiate(first, second) {
  const { toInitiateArgs, toInitiateResult } = await initiateHelpers;
  const { klarnaNetworkSessionToken, paymentOptionId } = toInitiateArgs(first, second);
  $("checkout-error").hidden = true;
  try {
    const answer = await postJson("/api/payment-request", {
      checkoutKey: settings.checkoutKey, planId: settings.planId, klarnaNetworkSessionToken, paymentOptionId,
      checkoutSessionId: settings.sessionId || undefined,
    });
    started = { checkoutId: answer.checkoutId, returnUrl: answer.returnUrl };
    return toInitiateResult(answer);
  } catch (error) {
    showError(error.message);
    throw error;
  }
}

const buttonOptions = () => ({
  id: "klarna-payment-button-element",
  shape: "pill",
  theme: "default",
  locale: settings.locale,
  intents: settings.intents.split(","),
  initiationMode: settings.initiationMode,
  initiate,
});

// Klarna's own words for the descriptor, in whichever form its presentation gave them: components to mount
// (the subheader whole, or in the earlier typings' short and enriched lengths), or plain `content` (header,
// subheader, logo) that the page writes as given. Klarna's button when the option offers one, else the SDK's own.
function mountPresented(klarna, option) {
  const parts = partsOf(option);
  for (const [name, part] of Object.entries(parts)) {
    const target = $(`klarna-${name}`);
    if (typeof part?.component === "function") part.component().mount(target);
    else if (name === "icon" && part?.url) target.append(logoImage(part));
    else if (typeof part === "string") target.textContent = part;
  }
  if (typeof option.select === "function") klarnaOption = option;
  const button = typeof option.paymentButton?.component === "function"
    ? option.paymentButton.component(buttonOptions())
    : klarna.Payment.button(buttonOptions());
  button.mount("#klarna-payment-button");
  root.dataset.klarnaDescriptor = option.content ? "content" : "components";
}

// Where each part of the descriptor comes from; absent parts stay empty.
function partsOf(option) {
  const content = option.content ?? {};
  const subheader = option.subheader;
  const lengths = subheader?.short || subheader?.enriched;
  return {
    icon: option.icon ?? content.logo,
    header: option.header ?? content.header,
    // The short subheader beside the header; the enriched one, with its link, among the details.
    subheader: lengths ? subheader.short ?? subheader.enriched : subheader ?? content.subheader,
    badge: option.badge,
    message: option.message ?? (subheader?.short ? subheader.enriched : undefined),
    terms: option.terms,
  };
}

function logoImage(logo) {
  const image = document.createElement("img");
  image.src = logo.url;
  image.alt = logo.alt ?? "";
  image.height = 28;
  return image;
}

// A presentation the page could not read still offers Klarna: a plain descriptor and the SDK's own button.
function mountDefault(klarna) {
  $("klarna-icon").textContent = "Klarna";
  $("klarna-header").textContent = "Klarna";
  $("klarna-subheader").textContent = "Pay with Klarna";
  klarna.Payment.button(buttonOptions()).mount("#klarna-payment-button");
  root.dataset.klarnaDescriptor = "default";
}

function mountKlarna(klarna, option, instruction) {
  if (option) mountPresented(klarna, option);
  else mountDefault(klarna);

  klarna.Payment.on("complete", () => {
    if (started) location.assign(started.returnUrl);
  });
  klarna.Payment.on("abort", async () => {
    if (!started) return; // nothing was started, so there is nothing to cancel
    await postJson(`/api/checkouts/${started.checkoutId}/cancel`).catch(() => undefined);
    location.assign(started.returnUrl);
  });
  klarna.Payment.on("error", (error) => showError(error?.errorMessage || settings.textKlarnaError));

  $("klarna-payment-method").hidden = false;
  if (instruction === "SHOW_ONLY_KLARNA") {
    klarnaOnly = true;
    $("other-methods").hidden = true;
  }
  if (instruction === "PRESELECT_KLARNA" || instruction === "SHOW_ONLY_KLARNA") select("klarna");
  root.dataset.klarnaInstruction = instruction;
  performance.mark("klarna-rendered");
}

async function loadKlarna() {
  const { KlarnaSDK } = await sdk;
  performance.mark("klarna-sdk-imported");
  const klarna = await KlarnaSDK({ clientId: settings.clientId, products: ["PAYMENT"], locale: settings.locale });
  const context = {
    amount: Number(settings.amount),
    currency: settings.currency,
    locale: settings.locale,
    intents: settings.intents.split(","),
  };
  if (context.intents.includes("SUBSCRIBE")) {
    context.subscriptionBillingInterval = settings.billingInterval;
    context.subscriptionBillingIntervalFrequency = Number(settings.billingFrequency);
  }
  const presentation = await klarna.Payment.presentation(context);
  performance.mark("klarna-presentation-received");
  const { instruction, option, problem } = readPresentation(presentation);
  if (instruction === "HIDE_KLARNA") {
    root.dataset.klarnaInstruction = "HIDE_KLARNA";
    return;
  }
  if (problem) reportPresentationProblem(problem);
  if (typeof option?.paymentButton?.component !== "function" && typeof klarna.Payment.button !== "function") {
    root.dataset.klarnaInstruction = "UNAVAILABLE";
    return;
  }
  mountKlarna(klarna, option, instruction);
}

const instructions = ["SHOW_KLARNA", "PRESELECT_KLARNA", "SHOW_ONLY_KLARNA", "HIDE_KLARNA"];

// The seed and public demos give one `paymentOption`; the newest SDK typings give `paymentOptions[]` (whose option
// may carry `content` instead of components), or the components on the presentation itself. Whatever else arrives,
// Klarna is shown (with a default descriptor) unless Klarna said to hide it.
function readPresentation(presentation) {
  const known = instructions.includes(presentation?.instruction);
  const instruction = known ? presentation.instruction : "SHOW_KLARNA";
  const candidates = [
    presentation?.paymentOption, ...(Array.isArray(presentation?.paymentOptions) ? presentation.paymentOptions : []), presentation,
  ];
  const option = candidates.find(readable);
  const problems = [];
  if (!known) problems.push(`instruction ${JSON.stringify(presentation?.instruction ?? null)} is not one the page knows`);
  if (!option && instruction !== "HIDE_KLARNA") {
    problems.push("no payment option with a payment button or Klarna's header (paymentOption, paymentOptions[] or the presentation itself)");
  }
  return { instruction, option, problem: problems.join("; ") };
}

// An option the page can show in Klarna's own words: its button, or its header as a component or as content.
function readable(option) {
  return typeof option?.paymentButton?.component === "function"
    || typeof option?.header?.component === "function"
    || (typeof option?.content?.header === "string" && option.content.header.trim() !== "");
}

function reportPresentationProblem(problem) {
  console.warn(`Klarna's presentation could not be read as sent: ${problem}. Showing Klarna with its default descriptor.`);
  postJson("/api/presentation-problem", { checkoutKey: settings.checkoutKey, planId: settings.planId, problem }).catch(() => undefined);
}

// Klarna's presentation loads at the same time as the other methods, so it appears with them.
await Promise.all([
  loadOtherMethods().catch(() => showError(settings.textMethodsFailed)),
  loadKlarna().catch((error) => {
    console.warn("Klarna is unavailable:", error);
    root.dataset.klarnaInstruction = "UNAVAILABLE";
  }),
]);
root.dataset.ready = "true";
