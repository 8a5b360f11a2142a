namespace Honeydipper.Core.Yaml;

/// <summary>
/// YAML as Honeydipper reads and writes it (go-yaml v2 through ghodss/yaml): YAML 1.1 booleans, every number a double,
/// map keys as strings, only the first document read by <see cref="Parse"/>.
/// </summary>
public static class GoYaml
{
    /// <summary>Parses the first document of the text; null when the text holds none.</summary>
    /// <exception cref="YamlLoadException">The text is not valid YAML.</exception>
    public static object? Parse(string text, string sourceName = "<yaml>") => YamlValueReader.ReadFirst(sourceName, text);

    /// <summary>Parses every document of a multi-document text (used for Kubernetes manifests).</summary>
    /// <exception cref="YamlLoadException">The text is not valid YAML.</exception>
    public static List<object?> ParseAll(string text, string sourceName = "<yaml>") => YamlValueReader.ReadAll(sourceName, text);

    /// <summary>Writes a value as go-yaml v2 would marshal it: keys sorted, block style, two-space indents.</summary>
    public static string Serialize(object? value) => GoYamlWriter.Write(value);
}
