using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.Contexts;

/// <summary>Whether the context is valid.</summary>
[Description("Whether the context is valid.")]
public sealed class ContextStatus : ResourceStatus;
