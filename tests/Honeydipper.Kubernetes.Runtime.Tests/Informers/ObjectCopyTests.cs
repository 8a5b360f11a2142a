using Honeydipper.Kubernetes.Runtime.Resources;
using k8s.Models;

namespace Honeydipper.Kubernetes.Runtime.Tests.Informers;

/// <summary>Copies made before changing a cached object share nothing with it.</summary>
public sealed class ObjectCopyTests
{
    [Fact]
    public void A_deep_copy_can_be_changed_without_touching_the_original()
    {
        V1ConfigMap cached = new() { Metadata = new V1ObjectMeta { Name = "c", Labels = new Dictionary<string, string> { ["a"] = "1" } }, Data = new Dictionary<string, string> { ["k"] = "v" } };
        V1ConfigMap copy = ObjectCopy.DeepCopy(cached);
        copy.Metadata.Labels["a"] = "2";
        copy.Data["k"] = "changed";
        Assert.Equal("1", cached.Metadata.Labels["a"]);
        Assert.Equal("v", cached.Data["k"]);
        Assert.Equal("c", copy.Metadata.Name);
    }
}
