namespace Honeydipper.Api;

/// <summary>Local mode's targets: one namespace.</summary>
public sealed class SingleNamespace(ApiNamespace target) : IApiTargets
{
    public IReadOnlyCollection<string> Names { get; } = [target?.Namespace ?? throw new ArgumentNullException(nameof(target))];

    public ApiNamespace? Find(string ns) => ns == target.Namespace ? target : null;
}
