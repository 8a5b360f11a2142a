using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Systems;
using Honeydipper.Operator.Kube;

namespace Honeydipper.Operator.Drivers;

/// <summary>
/// The Secrets a driver pod must have mounted: every <c>{secretKeyRef: {name, key}}</c> in the Driver's own options
/// and in the Systems whose triggers or functions it serves (a webhook's <c>signatureSecret</c>, a web token). Only
/// the values' names travel over the bus; the driver reads the values from <c>/etc/honeydipper/secrets/&lt;name&gt;</c>.
/// </summary>
internal static class DriverSecrets
{
    /// <summary>Where driver pods find Secrets (the driver SDK's default folder).</summary>
    public const string MountRoot = "/etc/honeydipper/secrets";

    private static readonly string[] Sections = ["triggers", "functions"];

    public static SortedSet<string> For(Driver driver, IEnumerable<HoneydipperSystem> systems)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(systems);
        string name = driver.Spec.Name ?? driver.Metadata.Name;
        SortedSet<string> names = new(StringComparer.Ordinal);
        Collect(SpecTree.Of(driver.Spec), names);
        foreach (HoneydipperSystem system in systems.Where(s => s.Metadata.NamespaceProperty == driver.Metadata.NamespaceProperty))
        {
            IDictionary<string, object?>? spec = SpecTree.Of(system.Spec);
            if (spec is not null && Serves(spec, name))
            {
                Collect(spec, names);
            }
        }

        return names;
    }

    /// <summary>True when one of the system's triggers or functions names the driver.</summary>
    public static bool Serves(IDictionary<string, object?> systemSpec, string driver) =>
        Sections.Any(section => systemSpec.TryGetValue(section, out object? s) && s is IDictionary<string, object?> entries
            && entries.Values.OfType<IDictionary<string, object?>>().Any(e => e.TryGetValue("driver", out object? d) && d as string == driver));

    private static void Collect(object? node, SortedSet<string> names)
    {
        switch (node)
        {
            case IDictionary<string, object?> map:
                if (map.TryGetValue("secretKeyRef", out object? r) && r is IDictionary<string, object?> reference && reference.TryGetValue("name", out object? n) && n is string { Length: > 0 } secret)
                {
                    names.Add(secret);
                }

                foreach (object? value in map.Values)
                {
                    Collect(value, names);
                }

                break;
            case IEnumerable<object?> list when node is not string:
                foreach (object? item in list)
                {
                    Collect(item, names);
                }

                break;
        }
    }
}
