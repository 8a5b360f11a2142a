using YamlDotNet.RepresentationModel;

namespace Honeydipper.Packaging.Tests;

/// <summary>charts/honeydipper rendered by the real helm, as a list of manifests.</summary>
internal static class Chart
{
    public const string ReleaseNamespace = "honeydipper-system";

    public static string Folder => Path.Combine(RepoPaths.RepoRoot, "charts", "honeydipper");

    /// <summary>The non-default values the tests use besides the defaults.</summary>
    public static string ProductionValues => Path.Combine(Folder, "ci", "production-values.yaml");

    /// <summary>Arguments that select a values set by name: "default" or "production".</summary>
    public static string[] ValuesArgs(string values) => values switch
    {
        "default" => [],
        "production" => ["-f", ProductionValues],
        _ => throw new ArgumentException($"no values set {values}", nameof(values)),
    };

    /// <summary>helm template with the CRDs, as the text helm printed.</summary>
    public static async Task<string> TemplateAsync(string values)
    {
        ToolResult result = await Tool.RunAsync(Tool.Helm, ["template", "honeydipper", Folder, "--namespace", ReleaseNamespace, "--include-crds", .. ValuesArgs(values)]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    /// <summary>Each rendered document as a YAML mapping (empty documents left out).</summary>
    public static List<YamlMappingNode> Parse(string rendered)
    {
        YamlStream stream = [];
        stream.Load(new StringReader(rendered));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().Where(m => m.Children.Count > 0)];
    }

    public static string? Str(this YamlNode node, params string[] path)
    {
        YamlNode? at = node;
        foreach (string key in path)
        {
            at = at is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? next) ? next : null;
        }

        return (at as YamlScalarNode)?.Value;
    }

    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        YamlNode? at = node;
        foreach (string key in path)
        {
            at = at is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? next) ? next : null;
        }

        return at;
    }

    public static string Describe(this YamlNode manifest) => $"{manifest.Str("kind")} {manifest.Str("metadata", "namespace")}/{manifest.Str("metadata", "name")}";
}
