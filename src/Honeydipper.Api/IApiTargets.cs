namespace Honeydipper.Api;

/// <summary>The namespaces this process serves: one in local mode, those whose engine runs here in the operator.</summary>
public interface IApiTargets
{
    /// <summary>The namespace, or null when no engine for it runs in this process.</summary>
    ApiNamespace? Find(string ns);

    IReadOnlyCollection<string> Names { get; }
}
