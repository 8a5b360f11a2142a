using Honeydipper.KubeApi.Emulator;
using k8s;

namespace Honeydipper.Kubernetes.Runtime.Tests.Support;

/// <summary>One emulator per test class; every test takes a namespace of its own.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private int namespaces;

    public KubeApiEmulator Emulator { get; private set; } = null!;

    public k8s.Kubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await KubeApiEmulator.StartAsync(new EmulatorOptions { BookmarkInterval = TimeSpan.FromMilliseconds(200) });
        Client = Emulator.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }

    public string NewNamespace(string prefix = "rt")
    {
        string name = $"{prefix}-{Interlocked.Increment(ref namespaces)}";
        Emulator.CreateNamespace(name);
        return name;
    }
}
