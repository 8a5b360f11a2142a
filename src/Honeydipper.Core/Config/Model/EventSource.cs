namespace Honeydipper.Core.Config.Model;

/// <summary>A trigger of a system that another trigger (or a rule's <c>when</c>) extends: <c>source: {system, trigger}</c>.</summary>
public sealed record EventSource(string System, string Trigger)
{
    public static readonly EventSource None = new(string.Empty, string.Empty);

    public bool IsEmpty => System.Length == 0 && Trigger.Length == 0;

    public override string ToString() => $"{System}.{Trigger}";
}
