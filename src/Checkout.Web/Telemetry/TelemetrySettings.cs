namespace Checkout.Web.Telemetry;

/// <summary>The <c>Telemetry</c> section. OTLP export needs no setting here: it follows <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "Telemetry";

    public PrometheusSettings Prometheus { get; set; } = new();
}

/// <summary><c>/metrics</c> in Prometheus' text format: off unless enabled, and then answered only to callers nearby.</summary>
public sealed class PrometheusSettings
{
    public bool Enabled { get; set; }

    /// <summary>
    /// Networks besides loopback (CIDR, such as <c>10.0.0.0/8</c>) whose direct callers may scrape; a request
    /// relayed by a proxy (one carrying <c>X-Forwarded-For</c> or <c>Forwarded</c>) is never answered.
    /// </summary>
    public string[] AllowedNetworks { get; set; } = [];
}
