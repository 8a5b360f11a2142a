using System.Security.Cryptography;
using System.Text;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.State;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Config.Manifests;

/// <summary>
/// A loaded configuration as our custom resources: one object per system, workflow, rule and context, and a Driver
/// for each driver the cluster can run. Names are made valid for Kubernetes (lower case, <c>-</c> for <c>_</c>, a short
/// hash when two would collide) and the Honeydipper name is kept in <c>spec.name</c>, so <see cref="ManifestMapper"/>
/// reads them back into the same configuration. Systems are written with their <c>extends</c> already applied.
/// </summary>
public static class ManifestWriter
{
    /// <summary>The objects, each a data tree with apiVersion, kind, metadata and spec, in a stable order.</summary>
    /// <param name="config">The configuration, as the loader assembled it.</param>
    /// <param name="runnableDrivers">The driver types the cluster can run (Driver spec.type); the other declared drivers get no Driver object.</param>
    /// <param name="ns">The namespace to put in metadata; none when null.</param>
    public static List<Dictionary<string, object?>> Write(HoneydipperConfig config, IReadOnlySet<string> runnableDrivers, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(runnableDrivers);
        List<Dictionary<string, object?>> objects = [];
        Names names = new();
        foreach ((string name, string type) in DeclaredDrivers(config).Where(d => runnableDrivers.Contains(d.Type)))
        {
            Dictionary<string, object?> spec = new(StringComparer.Ordinal) { ["type"] = type };
            if (config.Drivers.TryGetValue(name, out object? data) && data is IDictionary<string, object?> options && options.Count > 0)
            {
                spec["data"] = DataTree.DeepCopy(options);
            }

            objects.Add(Manifest("Driver", names.For("Driver", name), name, spec, ns));
        }

        foreach ((string name, SystemDefinition system) in config.Systems.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            objects.Add(Manifest("System", names.For("System", name), name, System(system), ns));
        }

        foreach ((string name, WorkflowDefinition workflow) in config.Workflows.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            Dictionary<string, object?> spec = WorkflowWriter.Write(workflow with { Name = string.Empty });
            objects.Add(Manifest("Workflow", names.For("Workflow", name), name, spec, ns));
        }

        for (int i = 0; i < config.Rules.Count; i++)
        {
            RuleDefinition rule = config.Rules[i];
            string hint = !rule.When.Source.IsEmpty ? $"{rule.When.Source.System}-{rule.When.Source.Trigger}" : rule.When.Driver;
            string name = rule.Name.Length > 0 ? rule.Name : $"rule-{i + 1}{(hint.Length > 0 ? "-" + hint : string.Empty)}";
            Dictionary<string, object?> spec = new(StringComparer.Ordinal)
            {
                ["when"] = Trigger(rule.When),
                ["do"] = WorkflowWriter.Write(rule.Do),
            };
            if (rule.Suspend)
            {
                spec["suspend"] = true;
            }

            objects.Add(Manifest("Rule", names.For("Rule", name), rule.Name.Length > 0 ? rule.Name : null, spec, ns));
        }

        foreach ((string name, object? sections) in config.Contexts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Dictionary<string, object?> spec = new(StringComparer.Ordinal) { ["workflows"] = DataTree.DeepCopy(sections) };
            objects.Add(Manifest("Context", names.For("Context", name), name, spec, ns));
        }

        return objects;
    }

    /// <summary>The drivers the daemon section declares (<c>drivers.daemon.drivers.&lt;name&gt;</c>), with their type: the name, for built-in ones.</summary>
    public static IEnumerable<(string Name, string Type)> DeclaredDrivers(HoneydipperConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        IDictionary<string, object?>? declared = config.Drivers.TryGetValue("daemon", out object? daemon) && daemon is IDictionary<string, object?> d
            && d.TryGetValue("drivers", out object? drivers) ? drivers as IDictionary<string, object?> : null;
        foreach (string name in (declared?.Keys ?? []).Order(StringComparer.Ordinal))
        {
            yield return (name, name);
        }
    }

    /// <summary>A name valid for Kubernetes (DNS-1123 subdomain, at most 63 characters to stay valid as a label too).</summary>
    public static string KubernetesName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        StringBuilder sb = new();
        foreach (char c in name.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' ? c : '-');
        }

        string value = sb.ToString().Trim('-', '.');
        if (value.Length == 0)
        {
            value = "x";
        }

        return value.Length <= 63 ? value : value[..54].TrimEnd('-', '.') + "-" + Hash(name);
    }

    private static Dictionary<string, object?> Manifest(string kind, string k8sName, string? hdName, Dictionary<string, object?> spec, string? ns)
    {
        if (hdName is not null && hdName != k8sName)
        {
            spec = new Dictionary<string, object?>(spec, StringComparer.Ordinal) { ["name"] = hdName };
        }

        Dictionary<string, object?> metadata = new(StringComparer.Ordinal) { ["name"] = k8sName };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["apiVersion"] = ManifestMapper.Group + "/v1alpha1",
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["spec"] = spec,
        };
    }

    private static Dictionary<string, object?> System(SystemDefinition system)
    {
        Dictionary<string, object?> spec = new(StringComparer.Ordinal);
        if (system.Description.Length > 0)
        {
            spec["description"] = system.Description;
        }

        if (system.Data is { Count: > 0 } data)
        {
            spec["data"] = DataTree.DeepCopy(data);
        }

        if (system.Triggers.Count > 0)
        {
            spec["triggers"] = system.Triggers.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => (object?)Trigger(t.Value), StringComparer.Ordinal);
        }

        if (system.Functions.Count > 0)
        {
            spec["functions"] = system.Functions.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => (object?)WorkflowWriter.WriteFunction(f.Value), StringComparer.Ordinal);
        }

        if (system.Meta is not null)
        {
            spec["meta"] = DataTree.DeepCopy(system.Meta);
        }

        return spec;
    }

    private static Dictionary<string, object?> Trigger(TriggerDefinition t)
    {
        Dictionary<string, object?> map = new(StringComparer.Ordinal);
        void Put(string key, object? value)
        {
            if (value is not null && value is not "")
            {
                map[key] = DataTree.DeepCopy(value);
            }
        }

        Put("driver", t.Driver);
        Put("rawevent", t.RawEvent);
        Put("if_match", t.Match);
        Put("parameters", t.Parameters);
        if (!t.Source.IsEmpty)
        {
            map["source"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["system"] = t.Source.System, ["trigger"] = t.Source.Trigger };
        }

        Put("export", t.Export);
        Put("description", t.Description);
        Put("meta", t.Meta);
        return map;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];

    /// <summary>Kubernetes names per kind, with a hash added when two Honeydipper names map to the same one.</summary>
    private sealed class Names
    {
        private readonly HashSet<string> _taken = new(StringComparer.Ordinal);

        public string For(string kind, string name)
        {
            string candidate = KubernetesName(name);
            if (!_taken.Add($"{kind}/{candidate}"))
            {
                candidate = KubernetesName(candidate.Length > 54 ? candidate[..54] : candidate) + "-" + Hash(name);
                _taken.Add($"{kind}/{candidate}");
            }

            return candidate;
        }
    }
}
