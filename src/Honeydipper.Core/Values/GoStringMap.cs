namespace Honeydipper.Core.Values;

/// <summary>
/// A map that Go holds as <c>map[string]string</c> (sprig's <c>split</c> and <c>splitn</c>). It is a plain map of
/// object? for the engine; templates see its Go type, so it is not accepted where <c>map[string]interface {}</c> is required,
/// as in Go.
/// </summary>
public sealed class GoStringMap : Dictionary<string, object?>
{
    public GoStringMap()
        : base(StringComparer.Ordinal)
    {
    }
}
