using Honeydipper.Core.Matching;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Webhook;

/// <summary>
/// The collapsed triggers the engine published for the webhook, compiled once per options change, and the systems
/// that sign their requests (from the triggers' <c>sysName</c> and <c>sysData.signatureHeader</c>/<c>signatureSecret</c>).
/// </summary>
internal sealed class WebhookTriggers
{
    public static readonly WebhookTriggers Empty = new([], []);

    private readonly List<Trigger> _triggers;

    private WebhookTriggers(List<Trigger> triggers, IReadOnlyList<SigningSystem> systems)
    {
        _triggers = triggers;
        Systems = systems;
    }

    /// <summary>Systems that sign their requests, by name (ordinal order, so that <c>verifiedSystem</c> is stable).</summary>
    public IReadOnlyList<SigningSystem> Systems { get; }

    public static WebhookTriggers From(DriverOptions options)
    {
        List<Trigger> triggers = [];
        SortedDictionary<string, SigningSystem> systems = new(StringComparer.Ordinal);
        if (options.DynamicData.TryGetValue("collapsedEvents", out object? events) && events is IDictionary<string, object?> byEvent)
        {
            foreach (object? list in byEvent.Values)
            {
                foreach (IDictionary<string, object?> collapsed in (list as IList<object?> ?? []).OfType<IDictionary<string, object?>>())
                {
                    IDictionary<string, object?>? parameters = collapsed.TryGetValue("parameters", out object? p) ? p as IDictionary<string, object?> : null;
                    triggers.Add(new Trigger(
                        Criteria.Compile(collapsed.TryGetValue("match", out object? m) ? m : null),
                        parameters is not null && parameters.TryGetValue("response_payload", out object? payload) ? payload as string : null,
                        parameters is not null && parameters.TryGetValue("response_content_type", out object? type) ? type as string : null));
                    if (SigningSystem.From(collapsed) is { } system)
                    {
                        systems[system.Name] = system;
                    }
                }
            }
        }

        return new WebhookTriggers(triggers, [.. systems.Values]);
    }

    /// <summary>The first trigger whose criteria the request matches, or null (the request gets 404).</summary>
    public Trigger? Match(object? eventData) => _triggers.FirstOrDefault(t => t.Criteria.Matches(eventData));

    internal sealed record Trigger(Criteria Criteria, string? ResponsePayload, string? ResponseContentType);

    /// <summary>A system whose requests are signed: the header it signs with, and its secrets (literals or references).</summary>
    internal sealed record SigningSystem(string Name, string Header, IReadOnlyList<object?> Secrets)
    {
        public static SigningSystem? From(IDictionary<string, object?> collapsed)
        {
            if (collapsed.TryGetValue("sysName", out object? n) && n is string { Length: > 0 } name &&
                collapsed.TryGetValue("sysData", out object? d) && d is IDictionary<string, object?> sysData &&
                sysData.TryGetValue("signatureHeader", out object? h) && h is string { Length: > 0 } header)
            {
                return new SigningSystem(name, header, Sdk.Secrets.SecretValues.OneOrMany(sysData.TryGetValue("signatureSecret", out object? s) ? s : null));
            }

            return null;
        }
    }
}
