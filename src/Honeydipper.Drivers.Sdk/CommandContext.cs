using Honeydipper.Bus.Protocol;

namespace Honeydipper.Drivers.Sdk;

/// <summary>One command as a handler sees it: its parameters (a data tree), labels, and which attempt this is.</summary>
public sealed record CommandContext(BusCommand Command, int Attempt)
{
    public string Method => Command.Method;

    public IReadOnlyDictionary<string, string> Labels => Command.Labels;

    /// <summary>The interpolated parameters, as a map (empty when there were none).</summary>
    public IDictionary<string, object?> Parameters => Command.Parameters as IDictionary<string, object?> ?? new Dictionary<string, object?>();

    /// <summary>A parameter as text, or the fallback.</summary>
    public string Text(string name, string fallback = "") =>
        Parameters.TryGetValue(name, out object? value) && value is not null ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? fallback : fallback;
}
