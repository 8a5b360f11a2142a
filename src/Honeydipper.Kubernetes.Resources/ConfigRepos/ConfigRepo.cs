using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Resources.Schema;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.ConfigRepos;

/// <summary>A Git repository of Honeydipper configuration the operator syncs into this namespace.</summary>
[KubernetesEntity(Group = HoneydipperApi.Group, ApiVersion = HoneydipperApi.Version, Kind = "ConfigRepo", PluralName = "configrepos")]
[ShortName("hdrepo")]
[Description("ConfigRepo is a Git repository of Honeydipper configuration that the operator clones, polls, loads and applies as Honeydipper objects in this namespace (owned by the ConfigRepo, pruned when the repository drops them). A commit that fails to load changes nothing. Conditions: Ready, or Stalled with the loader's error (file and line).")]
[PrinterColumn(1, "URL", "string", ".spec.url", "The repository.")]
[PrinterColumn(2, "Branch", "string", ".spec.branch", "The branch followed.", Priority = 1)]
[PrinterColumn(3, "Commit", "string", ".status.lastSyncedCommit", "The commit last applied.")]
[PrinterColumn(4, "Objects", "integer", ".status.objectsApplied", "Objects applied from that commit.", Priority = 1)]
[PrinterColumn(5, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the last commit was applied.")]
[PrinterColumn(6, "Age", "date", ".metadata.creationTimestamp", "Time since the object was created.")]
public sealed class ConfigRepo() : CustomResource<ConfigRepoSpec, ConfigRepoStatus>("ConfigRepo");
