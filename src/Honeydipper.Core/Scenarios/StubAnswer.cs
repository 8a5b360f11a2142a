namespace Honeydipper.Core.Scenarios;

/// <summary>What a stubbed driver answers: a status, a reason and data.</summary>
public sealed record StubAnswer(string Status, string Reason, object? Data)
{
    public static readonly StubAnswer Success = new("success", string.Empty, null);
}
