using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Resources;

/// <summary>
/// What the emulator knows about one served group/version/resource: its names for discovery, whether it is
/// namespaced, whether status is a subresource, and (for custom resources) the CRD's schema and printer columns.
/// </summary>
internal sealed record ResourceType(string Group, string Version, string Plural, string Singular, string Kind, bool Namespaced)
{
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Status is written only through /status and ignored on the main endpoint.</summary>
    public bool HasStatus { get; init; }

    /// <summary>metadata.generation is kept and bumped by changes outside metadata and status.</summary>
    public bool HasGeneration { get; init; }

    /// <summary>Defined by a CustomResourceDefinition: schema-validated, pruned, merge patch only, update needs a resourceVersion.</summary>
    public bool IsCustom { get; init; }

    /// <summary>The openAPIV3Schema of a custom resource (null for built-in kinds, which are not validated).</summary>
    public JsonObject? Schema { get; init; }

    public IReadOnlyList<JsonObject> PrinterColumns { get; init; } = [];

    /// <summary>The version objects are kept in; reads in another served version only rewrite apiVersion.</summary>
    public string StorageVersion { get; init; } = "";

    /// <summary>Kinds that answer DELETE with the deleted object rather than a Status.</summary>
    public bool ReturnsDeletedObject { get; init; }

    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The storage key of the resource across versions, printed as kube-apiserver prints it in errors ("rules.honeydipper.io").</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ListKind => Kind + "List";
}
