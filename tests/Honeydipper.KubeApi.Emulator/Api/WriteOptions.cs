namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>The query parameters that change how a write is done.</summary>
internal sealed record WriteOptions(bool DryRun, string FieldValidation)
{
    public static WriteOptions Default { get; } = new(false, "Ignore");

    /// <summary>Warnings for the Warning header (unknown fields under fieldValidation=Warn).</summary>
    public List<string> Warnings { get; } = [];
}
