namespace Honeydipper.Core.Scenarios;

/// <summary>The answers for one stub key: consumed in order, or one answer that <see cref="Repeat"/>s for every call.</summary>
public sealed record StubSequence(IReadOnlyList<StubAnswer> Answers, bool Repeat);
