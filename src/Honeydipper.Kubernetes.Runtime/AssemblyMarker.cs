namespace Honeydipper.Kubernetes.Runtime;
internal static class AssemblyMarker;
