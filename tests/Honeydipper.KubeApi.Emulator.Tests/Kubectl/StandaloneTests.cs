using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Honeydipper.KubeApi.Emulator.Tests.Kubectl;

/// <summary>The emulator run by hand (make fake-cluster): a foreground process that writes a kubeconfig kubectl can use.</summary>
public sealed class StandaloneTests
{
    [Fact]
    public async Task The_standalone_emulator_serves_kubectl_through_the_kubeconfig_it_writes()
    {
        string dir = Path.Combine(Path.GetTempPath(), "hd-fake-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string kubeconfig = Path.Combine(dir, "kubeconfig");
        int port = FreePort();
        ProcessStartInfo info = new("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "Honeydipper.KubeApi.Emulator.dll"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--kubeconfig-out", kubeconfig })
        {
            info.ArgumentList.Add(arg);
        }

        using Process emulator = Process.Start(info)!;
        try
        {
            await Poll.UntilAsync(() => File.Exists(kubeconfig), "the kubeconfig to be written", TimeSpan.FromSeconds(30));
            Assert.Contains($"server: http://127.0.0.1:{port}", await File.ReadAllTextAsync(kubeconfig));
            KubectlTool kubectl = new(kubeconfig, Path.Combine(dir, "cache"));
            KubectlResult namespaces = await kubectl.RunAsync("get", "namespaces", "-o", "name");
            Assert.True(namespaces.ExitCode == 0, namespaces.ToString());
            Assert.Contains("namespace/default", namespaces.Stdout);
            KubectlResult crds = await kubectl.RunAsync("apply", "-f", Path.Combine(RepoPaths.RepoRoot, "config", "crd"));
            Assert.True(crds.ExitCode == 0, crds.ToString());
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
