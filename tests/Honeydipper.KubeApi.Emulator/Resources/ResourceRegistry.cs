namespace Honeydipper.KubeApi.Emulator.Resources;

/// <summary>The served resources, changed at run time as CustomResourceDefinitions come and go.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock gate = new();
    private readonly List<ResourceType> builtIn = [.. BuiltInResources.All()];
    private readonly Dictionary<string, List<ResourceType>> custom = new(StringComparer.Ordinal);

    /// <summary>Bumped on every change, so that discovery documents can carry a hash that changes with them.</summary>
    public int Revision { get; private set; }

    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (gate)
            {
                return [.. builtIn, .. custom.Values.SelectMany(v => v)];
            }
        }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Plural == plural);

    /// <summary>The registration of a resource in the version objects are stored in, for reads of all versions.</summary>
    public ResourceType? FindAnyVersion(string group, string plural) =>
        All.FirstOrDefault(r => r.Group == group && r.Plural == plural && (r.StorageVersion.Length == 0 || r.StorageVersion == r.Version));

    public void SetCustom(string crdName, IReadOnlyList<ResourceType> versions)
    {
        lock (gate)
        {
            custom[crdName] = [.. versions];
            Revision++;
        }
    }

    public void RemoveCustom(string crdName)
    {
        lock (gate)
        {
            custom.Remove(crdName);
            Revision++;
        }
    }

    /// <summary>Groups in discovery order: the legacy core group first, then the others by name.</summary>
    public IReadOnlyList<string> Groups() =>
        [.. All.Select(r => r.Group).Where(g => g.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> Versions(string group) =>
        [.. All.Where(r => r.Group == group).Select(r => r.Version).Distinct().OrderByDescending(VersionPriority)];

    /// <summary>Kubernetes version ordering: GA above beta above alpha, higher numbers first.</summary>
    public static int VersionPriority(string version)
    {
        int level = version.Contains("alpha", StringComparison.Ordinal) ? 0 : version.Contains("beta", StringComparison.Ordinal) ? 1 : 2;
        string digits = new([.. version.Skip(1).TakeWhile(char.IsDigit)]);
        int major = int.TryParse(digits, out int m) ? m : 0;
        return (level * 1000) + major;
    }
}
