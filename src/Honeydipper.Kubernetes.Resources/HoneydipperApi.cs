namespace Honeydipper.Kubernetes.Resources;

/// <summary>The API group and version every Honeydipper kind is served under.</summary>
public static class HoneydipperApi
{
    public const string Group = "honeydipper.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The category, so that <c>kubectl get honeydipper</c> lists every kind.</summary>
    public const string Category = "honeydipper";
}
