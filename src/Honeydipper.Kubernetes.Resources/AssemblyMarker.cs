namespace Honeydipper.Kubernetes.Resources;
internal static class AssemblyMarker;
