using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honeydipper.Cli;

/// <summary>JSON settings for machine-readable CLI output: camelCase, indented, nulls left out.</summary>
internal static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
