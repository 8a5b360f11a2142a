using Honeydipper.Core.Matching;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Webhook;

/// <summary>The collapsed triggers the engine published for the webhook, compiled once per options change.</summary>
internal sealed class WebhookTriggers
{
    public static readonly WebhookTriggers Empty = new([]);

    private readonly List<Trigger> _triggers;

    private WebhookTriggers(List<Trigger> triggers) => _triggers = triggers;

    public static WebhookTriggers From(DriverOptions options)
    {
        List<Trigger> triggers = [];
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
                }
            }
        }

        return new WebhookTriggers(triggers);
    }

    /// <summary>The first trigger whose criteria the request matches, or null (the request gets 404).</summary>
    public Trigger? Match(object? eventData) => _triggers.FirstOrDefault(t => t.Criteria.Matches(eventData));

    internal sealed record Trigger(Criteria Criteria, string? ResponsePayload, string? ResponseContentType);
}
