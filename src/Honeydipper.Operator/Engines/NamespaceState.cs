using Honeydipper.Core.Config.Model;

namespace Honeydipper.Operator.Engines;

/// <summary>
/// A namespace's configuration as the engine runs it: the compiled configuration, a digest of what it was compiled
/// from, the generation of each object in use, and the Git commit when one ConfigRepo produced all of it.
/// </summary>
internal sealed record NamespaceState(HoneydipperConfig Config, string Digest, IReadOnlyDictionary<string, long> Generations, string? Commit)
{
    public static NamespaceState Empty { get; } = new(HoneydipperConfig.Empty, "empty", new Dictionary<string, long>(StringComparer.Ordinal), null);

    /// <summary>The generation of an object in use, by kind and Honeydipper name (<c>Workflow/greet</c>).</summary>
    public long? Generation(string kind, string name) => Generations.TryGetValue($"{kind}/{name}", out long g) ? g : null;
}
