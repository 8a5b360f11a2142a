using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Systems;
using Honeydipper.Operator.Kube;

namespace Honeydipper.Operator.Drivers;

/// <summary>
/// The Secrets a driver pod must have mounted: every <c>{secretKeyRef: {name, key}}</c> in the Driver's own options
/// and in the Systems whose triggers or functions it serves (a webhook's <c>signatureSecret</c>, a web token), with
/// what they inherit through <c>extends</c> and reach through a trigger's <c>source</c> or a function's
/// <c>target</c>. Only the values' names travel over the bus; the driver reads the values from
/// <c>/etc/honeydipper/secrets/&lt;name&gt;</c>.
/// </summary>
internal static class DriverSecrets
{
    /// <summary>Where driver pods find Secrets (the driver SDK's default folder).</summary>
    public const string MountRoot = "/etc/honeydipper/secrets";

    public static SortedSet<string> For(Driver driver, IEnumerable<HoneydipperSystem> systems)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(systems);
        string name = driver.Spec.Name ?? driver.Metadata.Name;
        SortedSet<string> names = new(StringComparer.Ordinal);
        Collect(SpecTree.Of(driver.Spec), names);
        Dictionary<string, IDictionary<string, object?>> specs = new(StringComparer.Ordinal);
        foreach (HoneydipperSystem system in systems.Where(s => s.Metadata.NamespaceProperty == driver.Metadata.NamespaceProperty))
        {
            if (SpecTree.Of(system.Spec) is { } spec)
            {
                specs[system.Spec.Name ?? system.Metadata.Name] = spec;
            }
        }

        foreach (string system in specs.Keys)
        {
            // A system's triggers and functions include those it inherits, and its data those of the systems it
            // extends: when any of them reaches the driver, every Secret along the chain may be needed.
            List<string> chain = Chain(system, specs);
            if (Reaches(chain, name, specs))
            {
                foreach (string member in chain)
                {
                    Collect(specs[member], names);
                }
            }
        }

        return names;
    }

    /// <summary>The system and, depth first, every system it extends (plain or as <c>key=base</c>), each once.</summary>
    private static List<string> Chain(string system, Dictionary<string, IDictionary<string, object?>> specs)
    {
        List<string> chain = [];
        Stack<string> pending = new([system]);
        while (pending.TryPop(out string? current))
        {
            if (chain.Contains(current, StringComparer.Ordinal) || !specs.TryGetValue(current, out IDictionary<string, object?>? spec))
            {
                continue;
            }

            chain.Add(current);
            if (spec.TryGetValue("extends", out object? e) && e is IEnumerable<object?> bases)
            {
                foreach (string entry in bases.OfType<string>())
                {
                    pending.Push(entry.Contains('=', StringComparison.Ordinal) ? entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim() : entry.Trim());
                }
            }
        }

        return chain;
    }

    /// <summary>
    /// True when a trigger or function of the systems in the chain names the driver, directly or through a trigger's
    /// <c>source</c> or a function's <c>target</c> (followed into the other system and what it extends). Each system is
    /// looked at once, so references that go round (a system's functions targeting its own) end.
    /// </summary>
    private static bool Reaches(List<string> chain, string driver, Dictionary<string, IDictionary<string, object?>> specs)
    {
        HashSet<string> seen = new(chain, StringComparer.Ordinal);
        Queue<string> pending = new(chain);
        while (pending.TryDequeue(out string? system))
        {
            IDictionary<string, object?> spec = specs[system];
            foreach ((string section, string link) in (ReadOnlySpan<(string, string)>)[("triggers", "source"), ("functions", "target")])
            {
                if (!spec.TryGetValue(section, out object? s) || s is not IDictionary<string, object?> entries)
                {
                    continue;
                }

                foreach (IDictionary<string, object?> entry in entries.Values.OfType<IDictionary<string, object?>>())
                {
                    if (entry.TryGetValue("driver", out object? d) && d as string == driver)
                    {
                        return true;
                    }

                    if (entry.TryGetValue(link, out object? l) && l is IDictionary<string, object?> reference
                        && reference.TryGetValue("system", out object? other) && other is string { Length: > 0 } otherSystem)
                    {
                        foreach (string member in Chain(otherSystem, specs).Where(seen.Add))
                        {
                            pending.Enqueue(member);
                        }
                    }
                }
            }
        }

        return false;
    }

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
