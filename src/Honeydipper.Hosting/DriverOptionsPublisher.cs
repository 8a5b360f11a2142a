using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Hosting;

/// <summary>
/// Tells drivers their options (the original's <c>command:options</c>): each driver's section of the configuration as
/// <c>data</c>, and for event drivers the collapsed triggers of the rules that listen to them as
/// <c>dynamicData.collapsedEvents</c> (keyed <c>system.trigger</c> or <c>_.driver:rawevent</c>), so that a webhook can
/// answer 404 for a request no rule wants. Only options that changed are written and signalled.
/// </summary>
internal sealed class DriverOptionsPublisher(IMessageBus bus, string ns)
{
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);

    public async Task PublishAsync(HoneydipperConfig config, RuleIndex rules, CancellationToken cancellationToken)
    {
        Dictionary<string, Dictionary<string, object?>> collapsed = new(StringComparer.Ordinal);
        foreach (CollapsedRule rule in rules.Rules)
        {
            string driver = rule.Trigger.Raw.Driver;
            if (!collapsed.TryGetValue(driver, out Dictionary<string, object?>? events))
            {
                collapsed[driver] = events = new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            string key = rule.Rule.When.Source.IsEmpty ? $"_.{driver}:{rule.Trigger.Raw.RawEvent}" : rule.Rule.When.Source.ToString();
            if (!events.TryGetValue(key, out object? list))
            {
                events[key] = list = new List<object?>();
            }

            ((List<object?>)list!).Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["match"] = rule.Trigger.Match,
                ["parameters"] = rule.Trigger.Parameters,
                ["sysName"] = rule.Trigger.SysName,
            });
        }

        foreach (string driver in config.Drivers.Keys.Concat(collapsed.Keys).Where(d => d != "daemon").Distinct(StringComparer.Ordinal))
        {
            IDictionary<string, object?> data = config.Drivers.TryGetValue(driver, out object? d) && d is IDictionary<string, object?> map ? map : new Dictionary<string, object?>();
            Dictionary<string, object?> dynamic = new(StringComparer.Ordinal);
            if (collapsed.TryGetValue(driver, out Dictionary<string, object?>? events))
            {
                dynamic["collapsedEvents"] = events;
            }

            string json = new DriverOptions(data, dynamic).ToJson();
            if (_published.TryGetValue(driver, out string? before) && before == json)
            {
                continue;
            }

            await bus.SetValueAsync(BusKeys.DriverConfig(ns, driver), json, null, cancellationToken).ConfigureAwait(false);
            await bus.PublishControlAsync(ns, new ControlSignal(ControlSignal.Config, driver), cancellationToken).ConfigureAwait(false);
            _published[driver] = json;
        }
    }
}
