namespace Honeydipper.Core.Scenarios;

/// <summary>A driver call a scenario made: what the workflow called, what reached the driver, with which context, and the answer.</summary>
public sealed record RecordedCall(
    string Function,
    string Driver,
    string RawAction,
    IDictionary<string, object?>? Params,
    IDictionary<string, object?>? Ctx,
    StubAnswer Answer)
{
    /// <summary>The call as data, the shape expectations are written in.</summary>
    public Dictionary<string, object?> ToData()
    {
        Dictionary<string, object?> data = new(StringComparer.Ordinal)
        {
            ["driver"] = Driver,
            ["rawAction"] = RawAction,
            ["params"] = Params,
            ["ctx"] = Ctx,
        };
        if (Function.Length > 0)
        {
            data["function"] = Function;
        }

        return data;
    }

    public override string ToString() => Function.Length > 0 ? $"{Function} ({Driver}.{RawAction})" : $"{Driver}.{RawAction}";
}
