using System.ComponentModel;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.ConfigRepos;

/// <summary>What was synced last, and what was tried.</summary>
[Description("What was synced last, and what was tried.")]
public sealed class ConfigRepoStatus : ResourceStatus
{
    [JsonPropertyName("lastSyncedCommit")]
    [Description("The commit whose configuration is applied now.")]
    public string? LastSyncedCommit { get; set; }

    [JsonPropertyName("lastAttemptedCommit")]
    [Description("The commit the operator last tried to load; differs from lastSyncedCommit while it is Stalled.")]
    public string? LastAttemptedCommit { get; set; }

    [JsonPropertyName("lastSyncTime")]
    [Description("When the repository was last synced successfully.")]
    public DateTime? LastSyncTime { get; set; }

    [JsonPropertyName("objectsApplied")]
    [Description("How many objects the last successful sync applied.")]
    public int? ObjectsApplied { get; set; }

    [JsonPropertyName("lastHandledSyncNow")]
    [Description("The value of the honeydipper.io/sync-now annotation last acted on: annotate the ConfigRepo with a new value to sync at once.")]
    public string? LastHandledSyncNow { get; set; }
}
