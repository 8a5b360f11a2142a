namespace Honeydipper.Operator.Compilation;

/// <summary>
/// One configuration object of a namespace (a Driver, System, Rule, Workflow or Context), as the compiler needs it:
/// its kind, names, generation and spec as a data tree. Neutral of the Kubernetes types so that it is easy to test.
/// </summary>
public sealed record ConfigObject
{
    public required string Kind { get; init; }

    /// <summary>metadata.name.</summary>
    public required string Name { get; init; }

    public long Generation { get; init; }

    /// <summary>When it was created; the older of two objects that define the same name wins.</summary>
    public DateTime? Created { get; init; }

    /// <summary>The spec as a data tree (numbers as doubles, as Honeydipper reads configuration).</summary>
    public IDictionary<string, object?>? Spec { get; init; }

    public ConfigObjectKey Key => new(Kind, Name);

    /// <summary>The Honeydipper name: <c>spec.name</c> when set, else <c>metadata.name</c>.</summary>
    public string HoneydipperName => Core.Config.Manifests.ManifestMapper.HoneydipperName(Name, Spec);
}

/// <summary>An object of a namespace by kind and metadata.name.</summary>
public sealed record ConfigObjectKey(string Kind, string Name)
{
    public override string ToString() => $"{Kind} {Name}";
}
