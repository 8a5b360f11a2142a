using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Drivers.Sdk;
using Honeydipper.Drivers.Sdk.Secrets;

namespace Honeydipper.Hosting;

/// <summary>
/// Tells drivers their options (the original's <c>command:options</c>): each driver's section of the configuration as
/// <c>data</c>, and for event drivers the collapsed triggers of the rules that listen to them as
/// <c>dynamicData.collapsedEvents</c> (keyed <c>system.trigger</c> or <c>_.driver:rawevent</c>), so that a webhook can
/// answer 404 for a request no rule wants. Only options that changed are written and signalled.
/// Each collapsed trigger carries as <c>sysData</c> only the system data drivers read (the webhook's
/// <c>signatureHeader</c> and <c>signatureSecret</c>): the rest of the system data, credentials included, stays in the
/// engine. With a <see cref="SecretHandOff"/>, literal <c>signatureSecret</c> values become references on the way out.
/// </summary>
internal sealed class DriverOptionsPublisher(IMessageBus bus, string ns, SecretHandOff? handOff = null)
{
    /// <summary>The Secret name under which literal signature secrets are handed off (keys: the escaped system name, then the index).</summary>
    public const string SignatureSecretName = "signature-secrets";

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
                ["sysData"] = DriverSysData(rule.Trigger.SysData, rule.Trigger.SysName),
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

    /// <summary>The part of a trigger's system data that drivers need, with secret literals handed off when asked to.</summary>
    internal Dictionary<string, object?> DriverSysData(IDictionary<string, object?> sysData, string system)
    {
        Dictionary<string, object?> shared = new(StringComparer.Ordinal);
        if (sysData.TryGetValue("signatureHeader", out object? header))
        {
            shared["signatureHeader"] = header;
        }

        if (sysData.TryGetValue("signatureSecret", out object? secret))
        {
            shared["signatureSecret"] = handOff is null ? secret : secret switch
            {
                IList<object?> list => list.Select((s, i) => HandOff(s, system, i)).ToList(),
                _ => HandOff(secret, system, 0),
            };
        }

        return shared;
    }

    private object? HandOff(object? value, string system, int index)
    {
        if (value is not string literal)
        {
            return value; // a reference already, or nothing to hide
        }

        SecretKeyRef reference = new(SignatureSecretName, $"{Uri.EscapeDataString(system)}.{index}");
        handOff!(reference, literal);
        return reference.ToData();
    }
}
