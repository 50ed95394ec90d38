namespace Checkout.Web.KlarnaSetup;

/// <summary>A failure the verbs report as one line: what happened and what to do.</summary>
public sealed class KlarnaSetupException(string message) : Exception(message);
