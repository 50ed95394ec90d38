// The Web SDK calls `initiate` with one object ({klarnaNetworkSessionToken, paymentOptionId}) in its
// newer typings, and with two positional arguments in Klarna's older samples. Accept both.
export function toInitiateArgs(first, second) {
  if (first !== null && typeof first === "object") {
    return { klarnaNetworkSessionToken: first.klarnaNetworkSessionToken, paymentOptionId: first.paymentOptionId };
  }
  return { klarnaNetworkSessionToken: first, paymentOptionId: second };
}

// What `initiate` resolves to, from our server's answer: finish at once, or open the purchase journey.
export function toInitiateResult(answer) {
  if (answer.completed) return { returnUrl: answer.returnUrl };
  if (answer.paymentRequestUrl) return { paymentRequestUrl: answer.paymentRequestUrl };
  return { paymentRequestId: answer.paymentRequestId };
}
