using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Manifests;

/// <summary>
/// Loads a folder of our custom-resource manifests (what Argo CD or Flux would apply) into one configuration, so that
/// it can be validated and tested offline exactly like a Honeydipper repository.
/// </summary>
public static class ManifestLoader
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    /// <summary>True when the folder holds at least one manifest of a honeydipper.io kind.</summary>
    public static bool HoldsManifests(string folder) =>
        Files(folder).Any(f => File.ReadLines(f).Take(200).Any(l => l.Contains("apiVersion:", StringComparison.Ordinal) && l.Contains(ManifestMapper.Group, StringComparison.Ordinal)));

    public static ConfigLoadResult Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string root = Path.GetFullPath(folder);
        List<ConfigProblem> problems = [];
        List<string> files = [];
        DataSet set = DataSet.Empty;
        Dictionary<string, string> owners = new(StringComparer.Ordinal);
        HashSet<string> namespaces = new(StringComparer.Ordinal);
        foreach (string file in Files(root))
        {
            string display = Path.GetRelativePath(root, file).Replace('\\', '/');
            List<object?> documents;
            try
            {
                documents = GoYaml.ParseAll(File.ReadAllText(file), display);
            }
            catch (YamlLoadException ex)
            {
                problems.Add(new ConfigProblem(ProblemSeverity.Error, ex.Location ?? new SourceLocation(display, 0, 0), ex.Reason));
                continue;
            }

            files.Add(display);
            foreach (IDictionary<string, object?> manifest in documents.SelectMany(Objects))
            {
                set = Add(set, manifest, display, owners, namespaces, problems);
            }
        }

        if (namespaces.Count > 1)
        {
            problems.Add(new ConfigProblem(ProblemSeverity.Warning, null,
                $"the manifests name several namespaces ({string.Join(", ", namespaces.Order(StringComparer.Ordinal))}); each namespace is a separate configuration in a cluster, but they are checked here as one"));
        }

        Dictionary<string, SystemDefinition> systems = SystemExtender.Extend(set.Systems, problems);
        HoneydipperConfig config = new() { Systems = systems, Rules = set.Rules, Workflows = set.Workflows, Contexts = set.Contexts, Drivers = set.Drivers };
        return new ConfigLoadResult(config, problems, [new LoadedRepo(new RepoInfo { Repo = root }, root, files)]);
    }

    private static DataSet Add(DataSet set, IDictionary<string, object?> manifest, string file, Dictionary<string, string> owners, HashSet<string> namespaces, List<ConfigProblem> problems)
    {
        string apiVersion = manifest.TryGetValue("apiVersion", out object? v) ? v as string ?? string.Empty : string.Empty;
        string kind = manifest.TryGetValue("kind", out object? k) ? k as string ?? string.Empty : string.Empty;
        SourceLocation location = SourceLocations.Of(manifest) ?? new SourceLocation(file, 0, 0);
        if (!apiVersion.StartsWith(ManifestMapper.Group + "/", StringComparison.Ordinal))
        {
            return set; // Secrets, ConfigMaps and the like may live beside our objects.
        }

        IDictionary<string, object?>? metadata = manifest.TryGetValue("metadata", out object? m) ? m as IDictionary<string, object?> : null;
        string name = metadata is not null && metadata.TryGetValue("name", out object? n) ? n as string ?? string.Empty : string.Empty;
        if (metadata is not null && metadata.TryGetValue("namespace", out object? ns) && ns is string { Length: > 0 } nsText)
        {
            namespaces.Add(nsText);
        }

        if (name.Length == 0)
        {
            problems.Add(new ConfigProblem(ProblemSeverity.Error, location, "metadata.name is required") { Subject = kind });
            return set;
        }

        if (ManifestMapper.OtherKinds.Contains(kind))
        {
            return set;
        }

        if (!ManifestMapper.ConfigKinds.Contains(kind))
        {
            problems.Add(new ConfigProblem(ProblemSeverity.Error, location,
                $"unknown kind {kind}{Suggestions.DidYouMean(kind, ManifestMapper.ConfigKinds.Concat(ManifestMapper.OtherKinds))}") { Subject = $"{kind} {name}" });
            return set;
        }

        IDictionary<string, object?>? spec = manifest.TryGetValue("spec", out object? s) ? s as IDictionary<string, object?> : null;
        try
        {
            DataSet piece = ManifestMapper.ToDataSet(kind, name, spec, problems);
            string hdName = ManifestMapper.HoneydipperName(name, spec);
            if (kind is "System" or "Workflow" or "Driver")
            {
                string key = $"{kind}/{hdName}";
                if (owners.TryGetValue(key, out string? first))
                {
                    problems.Add(new ConfigProblem(ProblemSeverity.Error, location,
                        $"{kind.ToLowerInvariant()} \"{hdName}\" is already defined by {first}; give one of them another name") { Subject = $"{kind} {name}" });
                    return set;
                }

                owners[key] = $"{kind} {name} ({file})";
            }

            return set.Merge(piece);
        }
        catch (ConfigException ex)
        {
            problems.Add(ConfigProblem.FromException(ex) with { Location = ex.Location ?? location, Subject = $"{kind} {name}" });
            return set;
        }
    }

    /// <summary>The objects of a document: itself, or the items of a <c>List</c>.</summary>
    private static IEnumerable<IDictionary<string, object?>> Objects(object? document)
    {
        if (document is not IDictionary<string, object?> map)
        {
            yield break;
        }

        if (map.TryGetValue("kind", out object? kind) && kind is "List" && map.TryGetValue("items", out object? items) && items is IList<object?> list)
        {
            foreach (IDictionary<string, object?> item in list.OfType<IDictionary<string, object?>>())
            {
                yield return item;
            }

            yield break;
        }

        yield return map;
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
}
