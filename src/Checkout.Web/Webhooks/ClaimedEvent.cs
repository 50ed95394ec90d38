namespace Checkout.Web.Webhooks;

using System.Runtime.ExceptionServices;
using Checkout.Klarna.Webhooks;
using Checkout.Web.Infrastructure.Persistence;

/// <summary>
/// A stored event this instance claimed, its body decrypted and, for Klarna's events, parsed; or why it could not be
/// read, thrown again when the event is processed so that it fails alone.
/// </summary>
public sealed record ClaimedEvent(WebhookEventRecord Record, byte[] Body, WebhookEnvelope? Envelope, ExceptionDispatchInfo? ReadFailure);
