using Honeydipper.KubeApi.Emulator.Tests.Support;

namespace Honeydipper.KubeApi.Emulator.Tests.Kubectl;

/// <summary>An emulator with a kubeconfig and a kubectl cache of its own, and config/crd applied by kubectl.</summary>
public sealed class KubectlFixture : IAsyncLifetime
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "hd-kubectl-" + Guid.NewGuid().ToString("N"));

    public EmulatorFixture Api { get; } = new();

    internal KubectlTool Kubectl { get; private set; } = null!;

    /// <summary>What `kubectl apply -f config/crd` printed when the fixture started.</summary>
    internal KubectlResult CrdApply { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        Directory.CreateDirectory(dir);
        string kubeconfig = Api.Emulator.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
        Kubectl = new KubectlTool(kubeconfig, Path.Combine(dir, "cache"));
        CrdApply = await Kubectl.RunAsync("apply", "-f", Path.Combine(RepoPaths.RepoRoot, "config", "crd"));
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }
}
