using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.ConfigRepos;

/// <summary>Where the configuration is and how to follow it.</summary>
[Description("The repository to sync and how to follow it.")]
public sealed record ConfigRepoSpec
{
    [JsonPropertyName("url")]
    [Required]
    [MinLength(1)]
    [Description("Git URL of the repository (https://, ssh:// or git@host:path).")]
    public string Url { get; init; } = "";

    [JsonPropertyName("branch")]
    [DefaultValue("main")]
    [Description("Branch to follow.")]
    public string Branch { get; init; } = "main";

    [JsonPropertyName("tag")]
    [Description("A tag to pin to instead of following the branch.")]
    public string? Tag { get; init; }

    [JsonPropertyName("commit")]
    [Description("A commit to pin to; wins over tag and branch.")]
    public string? Commit { get; init; }

    [JsonPropertyName("path")]
    [DefaultValue("/")]
    [Description("Folder of the repository that holds the init file.")]
    public string Path { get; init; } = "/";

    [JsonPropertyName("initFile")]
    [DefaultValue("init.yaml")]
    [Description("The file loading starts from, in path.")]
    public string InitFile { get; init; } = "init.yaml";

    [JsonPropertyName("interval")]
    [DefaultValue("1m")]
    [RegularExpression("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$")]
    [Description("How often to poll, as a Go duration (\"30s\", \"5m\", \"1h30m\").")]
    public string Interval { get; init; } = "1m";

    [JsonPropertyName("secretRef")]
    [Description("A Secret in this namespace with HTTPS credentials: username and password, or token (sent as the password). They are sent only to the host of url.")]
    public SecretReference? SecretRef { get; init; }

    [JsonPropertyName("prune")]
    [DefaultValue(true)]
    [Description("Delete objects this repository applied before and no longer defines.")]
    public bool Prune { get; init; } = true;

    [JsonPropertyName("suspend")]
    [DefaultValue(false)]
    [Description("Stop syncing; the objects already applied stay.")]
    public bool Suspend { get; init; }
}
