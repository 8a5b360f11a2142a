namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>metav1.DeleteOptions as the emulator understands them (query parameters and body merged).</summary>
internal sealed record DeleteOptions(string PropagationPolicy, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun);
