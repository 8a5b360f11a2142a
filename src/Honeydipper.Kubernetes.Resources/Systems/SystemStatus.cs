using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.Systems;

/// <summary>Whether the system is valid; the Invalid condition's message names the path of the fault.</summary>
[Description("Whether the system is valid and loaded.")]
public sealed class SystemStatus : ResourceStatus;
