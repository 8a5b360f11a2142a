using System.Net;
using Honeydipper.Kubernetes.Runtime.Finalizers;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Kubernetes.Runtime.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Kubernetes.Runtime.Tests.Finalizers;

/// <summary>Adding and removing finalizers on the server, guarded by resourceVersion.</summary>
public sealed class FinalizerSetTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private const string Finalizer = "honeydipper.io/cleanup";

    [Fact]
    public async Task A_finalizer_added_holds_a_delete_until_it_is_removed()
    {
        string ns = fx.NewNamespace();
        ResourceClient<V1ConfigMap> client = new(fx.Client, ApiResource.For<V1ConfigMap>());
        V1ConfigMap cm = await client.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = ns } }, CancellationToken.None);

        V1ConfigMap guarded = await FinalizerSet.EnsureAsync(client, cm, Finalizer, CancellationToken.None);
        Assert.True(FinalizerSet.Has(guarded, Finalizer));
        Assert.Same(guarded, await FinalizerSet.EnsureAsync(client, guarded, Finalizer, CancellationToken.None));

        Assert.True(await client.DeleteAsync(ns, "c", CancellationToken.None));
        V1ConfigMap deleting = (await client.GetAsync(ns, "c", CancellationToken.None))!;
        Assert.True(FinalizerSet.IsDeleting(deleting));

        Assert.Null(await FinalizerSet.RemoveAsync(client, deleting, Finalizer, CancellationToken.None));
        Assert.Null(await client.GetAsync(ns, "c", CancellationToken.None));
    }

    [Fact]
    public async Task Adding_a_finalizer_to_a_stale_copy_is_a_conflict()
    {
        string ns = fx.NewNamespace();
        ResourceClient<V1ConfigMap> client = new(fx.Client, ApiResource.For<V1ConfigMap>());
        V1ConfigMap stale = await client.CreateAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", NamespaceProperty = ns } }, CancellationToken.None);
        V1ConfigMap fresh = (await client.GetAsync(ns, "c", CancellationToken.None))!;
        fresh.Data = new Dictionary<string, string> { ["changed"] = "yes" };
        await client.ReplaceAsync(fresh, CancellationToken.None);

        HttpOperationException e = await Assert.ThrowsAsync<HttpOperationException>(() => FinalizerSet.EnsureAsync(client, stale, Finalizer, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
    }
}
