using System.Text.Json.Nodes;
using k8s;

namespace Honeydipper.KubeApi.Emulator.Tests.Support;

/// <summary>One emulator per test class; every test takes a namespace of its own from it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private int namespaces;

    public KubeApiEmulator Emulator { get; private set; } = null!;

    public Kubernetes Client { get; private set; } = null!;

    internal RawApi Raw { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await KubeApiEmulator.StartAsync(new EmulatorOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        Client = Emulator.CreateClient();
        Raw = new RawApi(Emulator.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        Raw.Dispose();
        Client.Dispose();
        await Emulator.DisposeAsync();
    }

    /// <summary>A fresh namespace for one test.</summary>
    public string NewNamespace(string prefix = "t")
    {
        string name = $"{prefix}-{Interlocked.Increment(ref namespaces)}";
        Emulator.CreateNamespace(name);
        return name;
    }

    /// <summary>Registers the test CRD (widgets.test.honeydipper.io) once for this emulator.</summary>
    internal async Task EnsureWidgetsAsync()
    {
        (System.Net.HttpStatusCode code, JsonNode? _) = await Raw.GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.honeydipper.io");
        if (code == System.Net.HttpStatusCode.NotFound)
        {
            (System.Net.HttpStatusCode created, JsonNode? body) = await Raw.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrds.Widgets());
            Assert.True(created == System.Net.HttpStatusCode.Created, body?.ToJsonString());
        }
    }
}
